package dev.parley.server.store;

import dev.parley.protocol.ProtocolException;
import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work; may refuse with a protocol error, which rolls back only itself. */
@FunctionalInterface
public interface SqlWork<T> {
  /** Runs against the given connection. */
  T run(Connection c) throws SQLException, ProtocolException;
}
