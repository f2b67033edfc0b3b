package dev.parley.client.account;

import dev.parley.client.store.HistoryStore;
import dev.parley.crypto.CryptoException;
import dev.parley.crypto.E2eSessions;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.KeyStoreFile;
import dev.parley.platform.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The account this client has open: its key store, end-to-end sessions and history (open from the
 * moment the password unsealed them), and once the server accepted the login, the user and the
 * derived credential kept for reconnecting. Client thread only, except the volatile read of {@link
 * #user()}.
 */
public final class Account {
  private static final Logger LOG = Logger.getLogger(Account.class.getName());

  private volatile String user;
  // The derived credential, kept to log in again after a reconnect; never the password.
  private String authKey;
  // Bumped whenever a session ends, so work begun for an older one (a reconnect under way) stops.
  private long epoch;
  private KeyStoreFile keyStore;
  private E2eSessions sessions;
  private HistoryStore history;

  /** The logged-in username, or null. */
  public String user() {
    return user;
  }

  /** True once the server accepted the login (until the session ends). */
  public boolean isLoggedIn() {
    return user != null;
  }

  /** The derived credential of the logged-in user, or null. */
  public String authKey() {
    return authKey;
  }

  /** Which session this is; a different value means the one some work began for has ended. */
  public long epoch() {
    return epoch;
  }

  /** True while the key store and history are open. */
  public boolean isOpen() {
    return history != null;
  }

  /** Fails unless the key store and history are open. */
  public void requireOpen() {
    if (history == null) {
      throw new IllegalStateException("Not logged in.");
    }
  }

  /** The open key store file. */
  public KeyStoreFile keyStore() {
    return keyStore;
  }

  /** The open key store's contents. */
  public KeyStoreContents keys() {
    return keyStore.contents();
  }

  /** The end-to-end sessions over the open key store. */
  public E2eSessions sessions() {
    return sessions;
  }

  /** The open history. */
  public HistoryStore history() {
    return history;
  }

  /** This device's identity key. */
  public IdentityPublicKey identity() {
    return keyStore.contents().identity().publicKey();
  }

  /**
   * Opens the key store and history in {@code dir} with {@code pw}, closing what was open. With
   * {@code fresh}, or when there is no key store yet (this account on a new device), a new identity
   * and a new history are created.
   */
  public void open(Path dataDir, Path dir, char[] pw, boolean fresh, int keyStoreIterations)
      throws IOException, SQLException, CryptoException {
    Path keys = dir.resolve("keys.pks");
    close();
    PrivateFiles.directory(dataDir);
    PrivateFiles.directory(dir);
    if (fresh || !KeyStoreFile.exists(keys)) {
      Files.deleteIfExists(dir.resolve("history.db"));
      keyStore =
          KeyStoreFile.create(
              keys, pw, KeyStoreContents.createNew(System.currentTimeMillis()), keyStoreIterations);
    } else {
      keyStore = KeyStoreFile.open(keys, pw);
    }
    PrivateFiles.tighten(keys);
    sessions = new E2eSessions(keyStore.contents());
    history = HistoryStore.open(dir.resolve("history.db"), keyStore.contents().localDataKey());
    importLegacyTrust();
  }

  /**
   * Older versions kept contacts' identity keys and verified marks in the history database, where
   * nothing authenticated them; they move into the key store once.
   */
  private void importLegacyTrust() throws SQLException, IOException {
    KeyStoreContents contents = keyStore.contents();
    if (contents.trustImported()) {
      return;
    }
    for (HistoryStore.LegacyTrust t : history.legacyTrust()) {
      try {
        contents.importTrust(t.name(), IdentityPublicKey.decode(t.identity()), t.verified());
      } catch (IllegalArgumentException damaged) {
        LOG.warning("skipping a damaged identity key in the old history");
      }
    }
    contents.markTrustImported();
    keyStore.save();
  }

  /** The server accepted {@code name} with {@code key}. */
  public void loggedIn(String name, String key) {
    user = name;
    authKey = key;
  }

  /** The password changed: reconnecting uses {@code key} from now on. */
  public void changeAuthKey(String key) {
    authKey = key;
  }

  /** The session ended: forgets the user and credential and closes the key store and history. */
  public void forget() {
    epoch++;
    user = null;
    authKey = null;
    close();
  }

  /** Saves the key store (after any change to keys or sessions). */
  public void save() {
    try {
      keyStore.save();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the key store", e);
    }
  }

  /** Forgets in-memory key changes that were not saved (a message could not be stored). */
  public void rollBack() {
    try {
      keyStore.reload();
      sessions = new E2eSessions(keyStore.contents());
    } catch (IOException | CryptoException e) {
      LOG.log(Level.SEVERE, "the key store cannot be read back", e);
    }
  }

  /** Closes the history and lets go of the keys (both stay on disk). */
  public void close() {
    if (history != null) {
      try {
        history.close();
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "closing the history failed", e);
      }
    }
    history = null;
    sessions = null;
    keyStore = null;
  }
}
