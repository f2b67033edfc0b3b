package dev.parley.client.account;

import dev.parley.client.api.ServerAddress;
import dev.parley.protocol.UsernameRules;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves account folders of the older layout, {@code accounts/<host>_<port>/<user>/}, to their
 * server's folder {@code accounts/<server id>/<user>/}, by the pins of the old {@code
 * known_servers} file. Folders are renamed whole (same file system, atomic), never opened or
 * deleted. When several old folders of one user are the same server (it was used through 127.0.0.1
 * and through its LAN address), the one used last becomes the account and the others stay beside it
 * as {@code <user>+from-<host>_<port>} ({@code +} is never in a username, so they are not offered
 * as accounts); so does any old folder whose account already exists in the new layout.
 */
final class LegacyAccountFolders {
  /** What separates the user from the old folder's name in a folder kept aside. */
  static final String KEPT_ASIDE = "+from-";

  private static final Logger LOG = Logger.getLogger(LegacyAccountFolders.class.getName());

  private final Path root;

  /** The folders under {@code root} ({@code accounts/}). */
  LegacyAccountFolders(Path root) {
    this.root = root;
  }

  /** The old layout's folder name of {@code address}. */
  static String legacyName(ServerAddress address) {
    return address.host().replace(':', '_') + "_" + address.port();
  }

  /**
   * Moves every old folder {@code pins} maps to a server (address to fingerprint) into the folder
   * {@code serverId} names for that fingerprint.
   */
  void adopt(Map<ServerAddress, String> pins, UnaryOperator<String> serverId) {
    // server id -> user -> that user's old folders
    Map<String, Map<String, List<Path>>> found = new LinkedHashMap<>();
    pins.forEach(
        (address, fp) -> {
          Path old = root.resolve(legacyName(address));
          for (Path user : users(old)) {
            found
                .computeIfAbsent(serverId.apply(fp), k -> new LinkedHashMap<>())
                .computeIfAbsent(user.getFileName().toString(), k -> new ArrayList<>())
                .add(user);
          }
        });
    found.forEach(
        (id, byUser) -> byUser.forEach((user, dirs) -> adopt(root.resolve(id), user, dirs)));
    pins.keySet().forEach(a -> removeIfEmpty(root.resolve(legacyName(a))));
  }

  private void adopt(Path server, String user, List<Path> dirs) {
    List<Path> newestFirst = new ArrayList<>(dirs);
    newestFirst.sort(Comparator.comparing(LegacyAccountFolders::lastUsed).reversed());
    Path account = server.resolve(user);
    try {
      Files.createDirectories(server);
      for (Path dir : newestFirst) {
        if (!Files.exists(account)) {
          Files.move(dir, account, StandardCopyOption.ATOMIC_MOVE);
          LOG.info("moved the account " + dir + " to " + account);
        } else {
          Path aside = server.resolve(user + KEPT_ASIDE + dir.getParent().getFileName().toString());
          if (Files.exists(aside)) {
            LOG.warning("left " + dir + " where it is: " + aside + " exists");
            continue;
          }
          Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
          LOG.warning(
              "the account "
                  + dir
                  + " is the same server as "
                  + account
                  + ", which was used more recently; kept it as "
                  + aside);
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot move the account folders of " + user + " to " + server, e);
    }
  }

  private static List<Path> users(Path old) {
    if (!Files.isDirectory(old)) {
      return List.of();
    }
    try (var entries = Files.list(old)) {
      return entries
          .filter(Files::isDirectory)
          .filter(d -> UsernameRules.isValid(d.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list " + old, e);
      return List.of();
    }
  }

  /** When the folder was last used: the latest change of it or of anything directly in it. */
  static FileTime lastUsed(Path dir) {
    FileTime latest = modified(dir);
    try (var entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        FileTime t = modified(p);
        if (t.compareTo(latest) > 0) {
          latest = t;
        }
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot list " + dir, e);
    }
    return latest;
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static void removeIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException kept) {
      // something else is in it (an account of a user whose move failed): it stays
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot remove the empty folder " + dir, e);
    }
  }
}
