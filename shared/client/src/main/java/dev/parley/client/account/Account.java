package dev.parley.client.account;

import dev.parley.client.runtime.ClientThread;
import dev.parley.client.store.AccountDatabase;
import dev.parley.client.store.AccountUnlock;
import dev.parley.client.store.HistoryStore;
import dev.parley.client.store.LegacyAccount;
import dev.parley.client.store.Transactions;
import dev.parley.crypto.CryptoException;
import dev.parley.crypto.E2eSessions;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.platform.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The account this client has open: its database (keys, sessions and history, open from the moment
 * the password unsealed it), and once the server accepted the login, the user and the derived
 * credential kept for reconnecting. Client thread only, except the volatile read of {@link
 * #user()}.
 */
public final class Account {
  private final Transactions.Later thread;
  private volatile String user;
  // The derived credential, kept to log in again after a reconnect; never the password.
  private String authKey;
  // Bumped whenever a session ends, so work begun for an older one (a reconnect under way) stops.
  private long epoch;
  private AccountDatabase db;
  private E2eSessions sessions;

  /** An account whose database commits on {@code thread} (the client thread). */
  public Account(ClientThread thread) {
    this.thread = thread::schedule;
  }

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

  /** True while the account's database is open. */
  public boolean isOpen() {
    return db != null;
  }

  /** Fails unless the account's database is open. */
  public void requireOpen() {
    if (db == null) {
      throw new IllegalStateException("Not logged in.");
    }
  }

  /** The open database. */
  public AccountDatabase database() {
    return db;
  }

  /** The open account's keys and sessions. */
  public KeyStoreContents keys() {
    return db.keys();
  }

  /** The end-to-end sessions over the open account's keys. */
  public E2eSessions sessions() {
    // After a rollback the database holds a fresh copy of the keys: sessions follow it.
    if (sessions == null || sessions.store() != db.keys()) {
      sessions = new E2eSessions(db.keys());
    }
    return sessions;
  }

  /** The open history. */
  public HistoryStore history() {
    return db.history();
  }

  /** The units of work all writes share. */
  public Transactions transactions() {
    return db.transactions();
  }

  /** This device's identity key. */
  public IdentityPublicKey identity() {
    return db.keys().identity().publicKey();
  }

  /**
   * Opens the account in {@code dir} with {@code pw}, closing what was open. An account kept in the
   * old layout (key-store file and history database) is taken over into one database first. With
   * {@code fresh}, or when there is no account yet (this account on a new device), a new identity
   * and an empty history are created.
   */
  public void open(
      Path dataDir,
      Path dir,
      char[] pw,
      boolean fresh,
      int iterations,
      Optional<AccountUnlock> early)
      throws IOException, SQLException, CryptoException {
    close();
    PrivateFiles.directory(dataDir);
    PrivateFiles.directory(dir);
    if (!fresh && AccountDatabase.exists(dir)) {
      db = AccountDatabase.open(dir, pw, early, thread);
      LegacyAccount.deleteLeftovers(dir);
    } else if (!fresh && LegacyAccount.exists(dir)) {
      db = LegacyAccount.migrate(dir, pw, thread);
    } else {
      LegacyAccount.deleteLeftovers(dir);
      db =
          AccountDatabase.create(
              dir,
              pw,
              iterations,
              KeyStoreContents.createNew(System.currentTimeMillis()),
              thread,
              created -> {});
    }
    sessions = null;
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

  /** The session ended: forgets the user and credential and closes the database. */
  public void forget() {
    epoch++;
    user = null;
    authKey = null;
    close();
  }

  /** The keys or sessions changed in memory: they are stored with the open unit of work. */
  public void save() {
    db.keysChanged();
  }

  /** Commits what is pending, closes the database and lets go of the keys (all stay on disk). */
  public void close() {
    if (db != null) {
      db.close();
    }
    db = null;
    sessions = null;
  }
}
