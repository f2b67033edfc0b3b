package dev.parley.client.store;

import dev.parley.crypto.AccountKey;
import dev.parley.crypto.CorruptKeyStoreException;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.WrongPasswordException;
import dev.parley.platform.PrivateFiles;
import dev.parley.platform.sql.SchemaMigrations;
import dev.parley.platform.sql.Sql;
import dev.parley.platform.sql.StatementCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sqlite.SQLiteConfig;

/**
 * One account's whole local state in one SQLite file ({@code account.db}): identity and prekeys,
 * ratchet sessions and contacts' identities ({@link KeyRecords}), and the history ({@link
 * HistoryStore}). Every row that holds a secret, a text or a name is sealed with AES-256-GCM under
 * the {@link AccountKey}, which is stored only wrapped under the password; names are looked up by
 * keyed tags. All writes go through one {@link Transactions}, so a received message, the ratchet
 * step it caused and its stored text commit together (docs/decisions/0009). Its connection keeps
 * statements compiled ({@link StatementCache}). Client thread only.
 */
public final class AccountDatabase implements AutoCloseable {
  /** The file's name in the account folder. */
  public static final String FILE = "account.db";

  private static final Logger LOG = Logger.getLogger(AccountDatabase.class.getName());
  private static final SchemaMigrations SCHEMA =
      new SchemaMigrations(
          "account database",
          List.of(
              List.of(
                  "CREATE TABLE account_key (id INTEGER PRIMARY KEY CHECK (id = 1), "
                      + "iterations INTEGER NOT NULL, salt BLOB NOT NULL, check_value BLOB NOT NULL, "
                      + "sealed BLOB NOT NULL)",
                  "CREATE TABLE key_core (id INTEGER PRIMARY KEY CHECK (id = 1), body BLOB NOT NULL)",
                  "CREATE TABLE key_peers (tag BLOB PRIMARY KEY, used INTEGER NOT NULL, "
                      + "body BLOB NOT NULL)",
                  "CREATE TABLE peers (tag BLOB PRIMARY KEY, name BLOB NOT NULL, "
                      + "contact INTEGER NOT NULL DEFAULT 0, added_at INTEGER NOT NULL)",
                  "CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, peer BLOB NOT NULL, "
                      + "msg_id TEXT NOT NULL, outgoing INTEGER NOT NULL, kind TEXT NOT NULL, "
                      + "body BLOB NOT NULL, sent_at INTEGER NOT NULL, state TEXT NOT NULL, "
                      + "read INTEGER NOT NULL DEFAULT 0, envelope BLOB, "
                      + "repeats INTEGER NOT NULL DEFAULT 1, UNIQUE (peer, msg_id, outgoing))",
                  "CREATE INDEX messages_by_peer ON messages(peer, id)")));

  private final Path file;
  private final Connection db;
  private final AccountKey key;
  private final Transactions transactions;
  private final KeyRecords keyRecords;
  private final HistoryStore history;
  private KeyStoreContents keys;

  private AccountDatabase(Path file, Connection db, AccountKey key, Transactions.Later thread)
      throws SQLException {
    this.file = file;
    this.db = db;
    this.key = key;
    this.keyRecords = new KeyRecords(db, key);
    this.transactions =
        new Transactions(
            db, thread, () -> keyRecords.store(keys), () -> keys.markSaved(), this::reload);
    this.history = new HistoryStore(db, key, transactions);
  }

  /** True when {@code dir} holds a complete account database. */
  public static boolean exists(Path dir) {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return false;
    }
    try (Connection c = connect(f)) {
      return hasAccountKey(c);
    } catch (SQLException | IOException e) {
      LOG.log(Level.FINE, "cannot read " + f, e);
      return false;
    }
  }

  /**
   * Creates the database in {@code dir} for {@code keys}, sealed under {@code password}, in one
   * transaction: a crash leaves either no account or a complete one. {@code fill} may add more to
   * that first transaction (the migration of an older account's history).
   */
  public static AccountDatabase create(
      Path dir,
      char[] password,
      int iterations,
      KeyStoreContents keys,
      Transactions.Later thread,
      Filler fill)
      throws IOException, SQLException {
    Path f = dir.resolve(FILE);
    deleteFiles(f);
    Connection c = StatementCache.wrap(connect(f));
    try {
      SCHEMA.migrate(c, "this app");
      AccountKey key = AccountKey.generate();
      AccountDatabase a = new AccountDatabase(f, c, key, thread);
      a.keys = keys;
      keys.markAllChanged();
      a.transactions.join();
      a.storeAccountKey(key.wrap(password, iterations));
      fill.fill(a);
      a.transactions.commit();
      if (!exists(dir)) {
        throw new SQLException("the new account database could not be written");
      }
      return a;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** More to write into a new database's first transaction. */
  @FunctionalInterface
  public interface Filler {
    /** Writes into {@code created} (its transaction is open). */
    void fill(AccountDatabase created) throws SQLException;
  }

  /**
   * Opens the database in {@code dir} with {@code password}, using the key {@code early} derived
   * already if it was started for this folder and wrapping.
   *
   * @throws WrongPasswordException when the password does not unlock it
   * @throws CorruptKeyStoreException when its keys are damaged
   */
  public static AccountDatabase open(
      Path dir, char[] password, Optional<AccountUnlock> early, Transactions.Later thread)
      throws IOException, SQLException, WrongPasswordException, CorruptKeyStoreException {
    Path f = dir.resolve(FILE);
    Connection c = StatementCache.wrap(connect(f));
    try {
      SCHEMA.migrate(c, "this app");
      AccountKey.Wrapped wrapped = wrappedKey(c);
      Optional<AccountKey> derived =
          early.filter(u -> u.isFor(dir)).flatMap(u -> u.keyFor(wrapped));
      AccountKey key = derived.isPresent() ? derived.get() : AccountKey.unwrap(wrapped, password);
      AccountDatabase a = new AccountDatabase(f, c, key, thread);
      a.keys = a.keyRecords.load();
      return a;
    } catch (SQLException
        | WrongPasswordException
        | CorruptKeyStoreException
        | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Like {@link #open(Path, char[], Optional, Transactions.Later)} without an early unlock. */
  public static AccountDatabase open(Path dir, char[] password, Transactions.Later thread)
      throws IOException, SQLException, WrongPasswordException, CorruptKeyStoreException {
    return open(dir, password, Optional.empty(), thread);
  }

  /** The wrapped account key stored in {@code dir}'s database (read on a connection of its own). */
  static AccountKey.Wrapped readWrappedKey(Path dir)
      throws IOException, SQLException, CorruptKeyStoreException {
    try (Connection c = connect(dir.resolve(FILE))) {
      return wrappedKey(c);
    }
  }

  private static AccountKey.Wrapped wrappedKey(Connection c)
      throws SQLException, CorruptKeyStoreException {
    return Sql.first(
            c,
            "SELECT iterations, salt, check_value, sealed FROM account_key WHERE id = 1",
            rs ->
                new AccountKey.Wrapped(
                    rs.getInt(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)))
        .orElseThrow(() -> new CorruptKeyStoreException("the account database has no key"));
  }

  private static Connection connect(Path f) throws IOException, SQLException {
    // Created private before SQLite opens it: its -wal and -shm files take the same mode.
    PrivateFiles.file(f);
    PrivateFiles.tighten(Path.of(f + "-wal"));
    PrivateFiles.tighten(Path.of(f + "-shm"));
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(5_000);
    // Sorting and temporary tables stay in memory, and what is deleted (an old ratchet state, a
    // used message key) is overwritten rather than left in free pages.
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    return config.createConnection("jdbc:sqlite:" + f.toAbsolutePath());
  }

  private static boolean hasAccountKey(Connection c) throws SQLException {
    return Sql.exists(
            c, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'account_key'")
        && Sql.exists(c, "SELECT 1 FROM account_key WHERE id = 1");
  }

  private static void deleteFiles(Path f) throws IOException {
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      Files.deleteIfExists(Path.of(f + suffix));
    }
  }

  private void storeAccountKey(AccountKey.Wrapped w) throws SQLException {
    Sql.update(
        db,
        "INSERT OR REPLACE INTO account_key(id, iterations, salt, check_value, sealed) "
            + "VALUES (1, ?, ?, ?, ?)",
        w.iterations(),
        w.salt(),
        w.check(),
        w.sealedKey());
  }

  /** The account's keys and sessions; call {@link #keysChanged()} after changing them. */
  public KeyStoreContents keys() {
    return keys;
  }

  /** The history. */
  public HistoryStore history() {
    return history;
  }

  /** The units of work all writes share. */
  public Transactions transactions() {
    return transactions;
  }

  /** The keys changed in memory: they are stored with the open unit of work. */
  public void keysChanged() {
    try {
      transactions.join();
    } catch (SQLException e) {
      throw new LocalStoreException("the local database could not save: " + e.getMessage(), e);
    }
  }

  /** Re-wraps the account key under {@code newPassword}, durably before this returns. */
  public void changePassword(char[] newPassword, int iterations) throws SQLException {
    transactions.join();
    storeAccountKey(key.wrap(newPassword, iterations));
    transactions.commit();
    if (transactions.isOpen()) {
      throw new SQLException("the new password could not be saved");
    }
  }

  /** PBKDF2 iterations protecting the account key. */
  public int iterations() throws SQLException {
    return Sql.one(db, "SELECT iterations FROM account_key WHERE id = 1", rs -> rs.getInt(1));
  }

  /**
   * Reads the keys and the peers' names back as they were last committed (a unit of work was rolled
   * back).
   */
  private void reload() {
    try {
      keys = keyRecords.load();
      history.reloadNames();
    } catch (SQLException | CorruptKeyStoreException | RuntimeException e) {
      LOG.log(Level.SEVERE, "the keys or names cannot be read back from " + file, e);
    }
  }

  /** Where the database lives. */
  public Path file() {
    return file;
  }

  /** Commits what is pending and closes the file. */
  @Override
  public void close() {
    transactions.commit();
    try {
      db.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closing " + file + " failed", e);
    }
  }
}
