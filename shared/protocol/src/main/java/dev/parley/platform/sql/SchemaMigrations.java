package dev.parley.platform.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A database schema as numbered steps, applied in order according to SQLite's {@code PRAGMA
 * user_version}: step {@code n} (from 1) takes a database at version {@code n - 1} to {@code n},
 * inside one transaction, so a step is applied whole or not at all.
 */
public final class SchemaMigrations {
  private final String subject;
  private final List<List<String>> steps;

  /**
   * The schema of {@code subject} (named in the error for a newer file, e.g. "database schema"),
   * built by {@code steps}, each a list of SQL statements.
   */
  public SchemaMigrations(String subject, List<List<String>> steps) {
    this.subject = subject;
    this.steps = List.copyOf(steps);
  }

  /** The newest version: the number of steps. */
  public int latest() {
    return steps.size();
  }

  /**
   * Brings the database on {@code c} (in auto-commit mode) to {@link #latest}; refuses a version
   * newer than that with {@code "<subject> <version> is newer than <reader>"}.
   */
  public void migrate(Connection c, String reader) throws SQLException {
    int version = version(c);
    if (version > steps.size()) {
      throw new SQLException(subject + " " + version + " is newer than " + reader);
    }
    for (int v = version; v < steps.size(); v++) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String sql : steps.get(v)) {
          s.execute(sql);
        }
        s.execute("PRAGMA user_version = " + (v + 1));
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** The version the database on {@code c} is at (0 for a new file). */
  public static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
