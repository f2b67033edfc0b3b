package dev.parley.platform.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A view of a connection that keeps each SQL text compiled once: SQLite's {@code prepare} costs
 * more than running a short statement (the server's relay profile showed its writer mostly in
 * {@code prepare}, the client's about a seventh of its receive path in it), so code keeps the
 * simple prepare-use-close shape of {@link Sql} while {@code close} here closes the statement's
 * result and clears its parameters, and the statement stays prepared for the next use of the same
 * text. A text asked for while its statement is still in use gets a statement of its own, closed as
 * usual. Closing the connection closes the cached statements. A cache belongs to the one thread
 * that uses its connection.
 */
public final class StatementCache {
  private StatementCache() {}

  /** A view of {@code c} whose {@code prepareStatement(String)} reuses compiled statements. */
  public static Connection wrap(Connection c) {
    Map<String, Cached> cache = new HashMap<>();
    InvocationHandler connection =
        (proxy, method, args) -> {
          if (method.getName().equals("prepareStatement")
              && args != null
              && args.length == 1
              && args[0] instanceof String sql) {
            return prepare(c, cache, sql);
          }
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            closeAll(cache);
          }
          return invoke(c, method, args);
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, connection);
  }

  /** A compiled statement, its view handed out while {@code inUse}, and the result it gave. */
  private static final class Cached {
    final PreparedStatement statement;
    final PreparedStatement view;
    boolean inUse;
    ResultSet result;

    Cached(PreparedStatement statement) {
      this.statement = statement;
      this.view = reusable(this);
    }
  }

  private static PreparedStatement prepare(Connection c, Map<String, Cached> cache, String sql)
      throws SQLException {
    Cached e = cache.get(sql);
    if (e != null && e.statement.isClosed()) {
      cache.remove(sql);
      e = null;
    }
    if (e == null) {
      e = new Cached(c.prepareStatement(sql));
      cache.put(sql, e);
    } else if (e.inUse) {
      // Nested use of the same text (a query run while iterating its own result): not shared.
      return c.prepareStatement(sql);
    }
    e.inUse = true;
    return e.view;
  }

  private static PreparedStatement reusable(Cached e) {
    InvocationHandler statement =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("close") && method.getParameterCount() == 0) {
            release(e);
            return null;
          }
          if (name.equals("isClosed") && method.getParameterCount() == 0) {
            return !e.inUse || e.statement.isClosed();
          }
          if (!e.inUse) {
            throw new SQLException("statement is closed");
          }
          Object out = invoke(e.statement, method, args);
          if (out instanceof ResultSet rs) {
            e.result = rs;
          }
          return out;
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            statement);
  }

  /** Back to the cache: its result closed (which resets it), its parameters and batch cleared. */
  private static void release(Cached e) throws SQLException {
    if (!e.inUse) {
      return;
    }
    e.inUse = false;
    ResultSet rs = e.result;
    e.result = null;
    if (e.statement.isClosed()) {
      return;
    }
    if (rs != null) {
      rs.close();
    }
    e.statement.clearBatch();
    e.statement.clearParameters();
  }

  private static void closeAll(Map<String, Cached> cache) throws SQLException {
    SQLException failed = null;
    for (Cached e : cache.values()) {
      try {
        e.inUse = false;
        e.statement.close();
      } catch (SQLException ex) {
        failed = ex;
      }
    }
    cache.clear();
    if (failed != null) {
      throw failed;
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
