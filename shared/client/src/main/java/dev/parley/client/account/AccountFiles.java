package dev.parley.client.account;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.net.KnownServers;
import dev.parley.client.store.AccountDatabase;
import dev.parley.client.store.LegacyAccount;
import dev.parley.protocol.CertificateFingerprint;
import dev.parley.protocol.UsernameRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where accounts live on this device: {@code accounts/<server id>/<user>/} under the data folder,
 * the server id being its certificate fingerprint in lower-case hex without colons (see {@link
 * #serverId}): the same server reached at any address is one account. An account folder holds
 * {@code account.db} (or, until its first unlock by this version, the older {@code keys.pks} and
 * {@code history.db}). Folders of the older layout, named by address, are moved in by {@link
 * LegacyAccountFolders}.
 */
public final class AccountFiles {
  private static final Logger LOG = Logger.getLogger(AccountFiles.class.getName());

  private final Path dataDir;
  private final KnownServers known;

  /** The accounts under {@code dataDir}, on the servers {@code known} knows. */
  public AccountFiles(Path dataDir, KnownServers known) {
    this.dataDir = dataDir;
    this.known = known;
  }

  /** The client's data folder. */
  public Path dataDir() {
    return dataDir;
  }

  /** The folder holding every server's accounts. */
  Path accountsRoot() {
    return dataDir.resolve("accounts");
  }

  /** The folder name of the server with {@code fingerprint}: its 64 hex digits, lower case. */
  public static String serverId(String fingerprint) {
    String fp = CertificateFingerprint.normalise(fingerprint);
    if (fp == null) {
      throw new IllegalArgumentException("not a SHA-256 fingerprint: " + fingerprint);
    }
    return fp.replace(":", "").toLowerCase(Locale.ROOT);
  }

  /** The folder of account {@code name} on the server with certificate {@code fingerprint}. */
  public Path accountDir(String fingerprint, String name) {
    return serverDir(fingerprint).resolve(name);
  }

  private Path serverDir(String fingerprint) {
    return accountsRoot().resolve(serverId(fingerprint));
  }

  /** The accounts this device has keys for on the known server last reached at {@code server}. */
  public List<String> localAccounts(ServerAddress server) {
    return known.pinned(server).map(this::localAccounts).orElse(List.of());
  }

  /** The accounts this device has keys for on the server with certificate {@code fingerprint}. */
  public List<String> localAccounts(String fingerprint) {
    Path dir = serverDir(fingerprint);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var entries = Files.list(dir)) {
      return entries
          // An account database, or an account of the version-1 layout it is made from at unlock.
          .filter(d -> AccountDatabase.exists(d) || LegacyAccount.exists(d))
          .map(d -> d.getFileName().toString())
          .filter(UsernameRules::isValid)
          .sorted()
          .toList();
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot list the accounts on this device", e);
      return List.of();
    }
  }

  /**
   * Moves the account folders of the older, address-named layout to their server's folder, as the
   * old {@code known_servers} pinned them, then lets that file be written in the current format.
   */
  public void adoptLegacyFolders() {
    new LegacyAccountFolders(accountsRoot()).adopt(known.legacyPins(), AccountFiles::serverId);
    known.rewrite();
  }
}
