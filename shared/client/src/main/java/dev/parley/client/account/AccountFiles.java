package dev.parley.client.account;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.store.AccountDatabase;
import dev.parley.client.store.LegacyAccount;
import dev.parley.protocol.UsernameRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where accounts live on this device: {@code accounts/<host>_<port>/<user>/} under the data folder,
 * holding {@code account.db} (or, until its first unlock by this version, the older {@code
 * keys.pks} and {@code history.db}).
 */
public final class AccountFiles {
  private static final Logger LOG = Logger.getLogger(AccountFiles.class.getName());

  private final Path dataDir;

  /** The accounts under {@code dataDir}. */
  public AccountFiles(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** The client's data folder. */
  public Path dataDir() {
    return dataDir;
  }

  /** The folder of account {@code name} on {@code server}. */
  public Path accountDir(ServerAddress server, String name) {
    return accountsDir(server).resolve(name);
  }

  private Path accountsDir(ServerAddress server) {
    return dataDir
        .resolve("accounts")
        .resolve(server.host().replace(':', '_') + "_" + server.port());
  }

  /** The accounts this device has keys for on {@code server}. */
  public List<String> localAccounts(ServerAddress server) {
    Path dir = accountsDir(server);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var entries = Files.list(dir)) {
      return entries
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
}
