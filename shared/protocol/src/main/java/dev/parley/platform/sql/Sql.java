package dev.parley.platform.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepare, bind, run and map in one call. Arguments bind in order with {@link
 * PreparedStatement#setObject(int, Object)}; statements are closed after use, so a connection that
 * caches prepared statements (the server's) keeps them compiled.
 */
public final class Sql {
  /** Maps the current row of a result. */
  @FunctionalInterface
  public interface Row<T> {
    /** The value of the row {@code rs} is on. */
    T map(ResultSet rs) throws SQLException;
  }

  private Sql() {}

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
  public static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = prepare(c, sql, args)) {
      return p.executeUpdate();
    }
  }

  /** The first row of a query (or of a statement with RETURNING), if there is one. */
  public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... args)
      throws SQLException {
    try (PreparedStatement p = prepare(c, sql, args);
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
    }
  }

  /** The single row a query always has (e.g. {@code COUNT(*)}, or an INSERT ... RETURNING). */
  public static <T> T one(Connection c, String sql, Row<T> row, Object... args)
      throws SQLException {
    return first(c, sql, row, args).orElseThrow(() -> new SQLException("no row from " + sql));
  }

  /** Every row of a query, in order. */
  public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args)
      throws SQLException {
    try (PreparedStatement p = prepare(c, sql, args);
        ResultSet rs = p.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    }
  }

  /** True when the query has at least one row. */
  public static boolean exists(Connection c, String sql, Object... args) throws SQLException {
    return first(c, sql, rs -> Boolean.TRUE, args).isPresent();
  }

  /** Runs one statement for each argument list, as a single JDBC batch. */
  public static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (Object[] args : rows) {
        bind(p, args);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Most rows one multi-row INSERT carries (a few statement shapes, each compiled once). */
  public static final int ROWS_PER_INSERT = 64;

  /**
   * Inserts {@code rows} of {@code width} values each with as few statements as it can: {@code
   * head} is the statement up to {@code VALUES}, {@code tail} what follows the values (such as an
   * ON CONFLICT clause, or empty).
   */
  public static void insertRows(
      Connection c, String head, int width, String tail, List<Object[]> rows) throws SQLException {
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      int n = Math.min(ROWS_PER_INSERT, rows.size() - from);
      StringBuilder sql = new StringBuilder(head.length() + n * (width * 2 + 3) + tail.length());
      sql.append(head).append(" VALUES ");
      String row = "(" + "?,".repeat(width - 1) + "?)";
      for (int i = 0; i < n; i++) {
        sql.append(i == 0 ? "" : ",").append(row);
      }
      sql.append(tail);
      try (PreparedStatement p = c.prepareStatement(sql.toString())) {
        int k = 1;
        for (int i = from; i < from + n; i++) {
          Object[] values = rows.get(i);
          if (values.length != width) {
            throw new IllegalArgumentException(
                "a row of " + values.length + " values, not " + width);
          }
          for (Object v : values) {
            p.setObject(k++, v);
          }
        }
        p.executeUpdate();
      }
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object[] args)
      throws SQLException {
    PreparedStatement p = c.prepareStatement(sql);
    try {
      bind(p, args);
      return p;
    } catch (SQLException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement p, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      p.setObject(i + 1, args[i]);
    }
  }
}
