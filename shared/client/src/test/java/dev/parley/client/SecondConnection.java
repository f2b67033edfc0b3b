package dev.parley.client;

import dev.parley.client.store.AccountDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A second connection to a client's account database, for what a test cannot do through the client:
 * a real SQLite failure, not a mock (a trigger that aborts inserts of received messages the way a
 * full disk would; the client's own connection sees the schema change at its next statement), and a
 * look at whether the client is inside a transaction.
 */
final class SecondConnection implements AutoCloseable {
  private static final String TRIGGER = "simulated_disk_full";
  // Changing the schema waits for the client's transaction to end.
  private static final String WAIT_FOR_THE_CLIENT = "PRAGMA busy_timeout = 5000";

  private final Connection db;

  private SecondConnection(Connection db) {
    this.db = db;
  }

  /** Opens the one account database below {@code clientDir} (a client's data folder). */
  static SecondConnection in(Path clientDir) throws IOException, SQLException {
    Path file;
    try (Stream<Path> files = Files.walk(clientDir)) {
      file =
          files
              .filter(f -> f.getFileName().toString().equals(AccountDatabase.FILE))
              .reduce(
                  (a, b) -> {
                    throw new AssertionError("more than one account database: " + a + ", " + b);
                  })
              .orElseThrow(() -> new AssertionError("no account database in " + clientDir));
    }
    return new SecondConnection(
        DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()));
  }

  /**
   * From now on, storing a received message fails while {@code storedBefore} or more received
   * messages are already in the database as the client's transaction sees it (its own uncommitted
   * rows count): with 0 every received message fails; with n the (n+1)-th insert of a batch that
   * starts empty fails after n rows of the same batch were written.
   */
  void failReceivedInsertsFrom(int storedBefore) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(WAIT_FOR_THE_CLIENT);
      s.execute(
          "CREATE TRIGGER "
              + TRIGGER
              + " BEFORE INSERT ON messages WHEN NEW.outgoing = 0 AND (SELECT count(*) FROM"
              + " messages WHERE outgoing = 0) >= "
              + storedBefore
              + " BEGIN SELECT RAISE(ABORT, 'simulated disk full'); END");
    }
  }

  /** The disk works again. */
  void heal() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(WAIT_FOR_THE_CLIENT);
      s.execute("DROP TRIGGER IF EXISTS " + TRIGGER);
    }
  }

  /**
   * True while the client holds the database's write lock, i.e. is inside a unit of work: written
   * but not yet committed. Takes the lock itself for an instant when it is free.
   */
  boolean clientIsWriting() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0"); // a lock the client holds shows as busy at once
      s.execute("BEGIN IMMEDIATE");
      s.execute("ROLLBACK");
      return false;
    } catch (SQLiteException e) {
      if (e.getResultCode().code == SQLiteErrorCode.SQLITE_BUSY.code) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
