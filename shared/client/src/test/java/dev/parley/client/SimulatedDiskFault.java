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

/**
 * A real SQLite failure in a client's account database, not a mock: a trigger, added through a
 * second connection to the same file, that aborts inserts of received messages the way a full disk
 * would. The client's own connection sees the schema change at its next statement.
 */
final class SimulatedDiskFault implements AutoCloseable {
  private static final String TRIGGER = "simulated_disk_full";

  private final Connection db;

  private SimulatedDiskFault(Connection db) {
    this.db = db;
  }

  /** Opens the one account database below {@code clientDir} (a client's data folder). */
  static SimulatedDiskFault in(Path clientDir) throws IOException, SQLException {
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
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
    }
    return new SimulatedDiskFault(c);
  }

  /**
   * From now on, storing a received message fails while {@code storedBefore} or more received
   * messages are already in the database as the client's transaction sees it (its own uncommitted
   * rows count): with 0 every received message fails; with n the (n+1)-th insert of a batch that
   * starts empty fails after n rows of the same batch were written.
   */
  void failReceivedInsertsFrom(int storedBefore) throws SQLException {
    try (Statement s = db.createStatement()) {
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
      s.execute("DROP TRIGGER IF EXISTS " + TRIGGER);
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
