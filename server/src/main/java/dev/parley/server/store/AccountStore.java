package dev.parley.server.store;

import dev.parley.platform.sql.Sql;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The users table: accounts and their credentials. */
public final class AccountStore {
  private final Database db;
  private final QueueCounters queues;
  private final KeysLowNotices notices;

  AccountStore(Database db, QueueCounters queues, KeysLowNotices notices) {
    this.db = db;
    this.queues = queues;
    this.notices = notices;
  }

  /** Creates an account; fails with {@code username_taken}. */
  public CompletableFuture<Void> createUser(
      String name, String hash, Credentials.Scheme scheme, long now) {
    return db.write(
        c -> {
          int added =
              Sql.update(
                  c,
                  "INSERT INTO users(name, hash, scheme, created_at) VALUES (?, ?, ?, ?) "
                      + "ON CONFLICT(name) DO NOTHING",
                  name,
                  hash,
                  scheme.code(),
                  now);
          if (added == 0) {
            throw new ProtocolException(ErrorCode.USERNAME_TAKEN, "That username is taken.");
          }
          return null;
        });
  }

  /** The stored hash and its scheme for {@code name}, if the account exists. */
  public CompletableFuture<Optional<Credentials>> credentials(String name) {
    return db.read(
        c ->
            Sql.first(
                c,
                "SELECT hash, scheme FROM users WHERE name = ?",
                rs -> new Credentials(rs.getString(1), Credentials.Scheme.of(rs.getInt(2))),
                name));
  }

  /**
   * Replaces {@code name}'s credentials if its hash is still {@code expectedHash} (a concurrent
   * change wins otherwise); true when replaced.
   */
  public CompletableFuture<Boolean> replaceCredentials(
      String name, String expectedHash, String hash, Credentials.Scheme scheme) {
    return db.write(
        c ->
            Sql.update(
                    c,
                    "UPDATE users SET hash = ?, scheme = ? WHERE name = ? AND hash = ?",
                    hash,
                    scheme.code(),
                    name,
                    expectedHash)
                == 1);
  }

  /** All usernames, sorted. */
  public CompletableFuture<List<String>> listUsers() {
    return db.read(c -> Sql.list(c, "SELECT name FROM users ORDER BY name", rs -> rs.getString(1)));
  }

  /** Deletes an account with its keys, contacts and queued messages; true if it existed. */
  public CompletableFuture<Boolean> deleteUser(String name) {
    return db.write(
        c -> {
          boolean existed = Sql.update(c, "DELETE FROM users WHERE name = ?", name) > 0;
          queues.userDeleted(name);
          notices.rearm(name);
          return existed;
        });
  }

  /** Refuses with {@code unknown_user} unless {@code name} is an account. */
  static void requireUser(Connection c, String name) throws SQLException, ProtocolException {
    if (!Sql.exists(c, "SELECT 1 FROM users WHERE name = ?", name)) {
      throw new ProtocolException(ErrorCode.UNKNOWN_USER, "There is no user called " + name + ".");
    }
  }
}
