package dev.parley.server.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each SQL text prepared once per connection. Compiling a statement costs more than running
 * it (the relay profile showed the writer thread spending most of its time in {@code prepare}), so
 * the store's code keeps its simple prepare-use-close shape while {@code close} here only clears
 * the parameters of a statement that stays prepared. A cache belongs to the one thread that uses
 * its connection.
 */
final class StatementCache {
  private StatementCache() {}

  /** A view of {@code c} whose {@code prepareStatement(String)} reuses compiled statements. */
  static Connection wrap(Connection c) {
    Map<String, PreparedStatement> cache = new HashMap<>();
    InvocationHandler connection =
        (proxy, method, args) -> {
          if (method.getName().equals("prepareStatement")
              && args != null
              && args.length == 1
              && args[0] instanceof String sql) {
            PreparedStatement s = cache.get(sql);
            if (s == null || s.isClosed()) {
              s = c.prepareStatement(sql);
              cache.put(sql, s);
            }
            return reusable(s);
          }
          if (method.getName().equals("close")) {
            for (PreparedStatement s : cache.values()) {
              s.close();
            }
            cache.clear();
          }
          return invoke(c, method, args);
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, connection);
  }

  private static PreparedStatement reusable(PreparedStatement s) {
    InvocationHandler statement =
        (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            s.clearParameters();
            return null;
          }
          return invoke(s, method, args);
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            statement);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
