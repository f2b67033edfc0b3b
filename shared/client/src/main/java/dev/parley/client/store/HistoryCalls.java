package dev.parley.client.store;

import java.sql.SQLException;

/**
 * Runs a call on the local history and turns its {@link SQLException} into an unchecked one, so it
 * fails the future or event it belongs to with a readable message.
 */
public final class HistoryCalls {
  private HistoryCalls() {}

  /** A history call with a result. */
  public interface Query<T> {
    /** Runs the call. */
    T get() throws SQLException;
  }

  /** A history call without a result. */
  public interface Update {
    /** Runs the call. */
    void run() throws SQLException;
  }

  /** The result of {@code q}. */
  public static <T> T get(Query<T> q) {
    try {
      return q.get();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Runs {@code u}. */
  public static void run(Update u) {
    try {
      u.run();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private static LocalStoreException failed(SQLException e) {
    return new LocalStoreException("local history failed: " + e.getMessage(), e);
  }
}
