package dev.parley.server.store;

import dev.parley.platform.sql.SchemaMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Schema versions, applied in order according to {@code PRAGMA user_version}. */
final class Schema {
  private static final SchemaMigrations MIGRATIONS =
      new SchemaMigrations(
          "database schema version",
          List.of(
              List.of(
                  """
            CREATE TABLE users (
              name TEXT PRIMARY KEY,
              hash TEXT NOT NULL,
              created_at INTEGER NOT NULL)""",
                  """
            CREATE TABLE identities (
              user TEXT PRIMARY KEY REFERENCES users(name) ON DELETE CASCADE,
              dh BLOB NOT NULL,
              sign BLOB NOT NULL,
              spk_id INTEGER NOT NULL,
              spk BLOB NOT NULL,
              spk_sig BLOB NOT NULL,
              updated_at INTEGER NOT NULL)""",
                  """
            CREATE TABLE prekeys (
              user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
              id INTEGER NOT NULL,
              key BLOB NOT NULL,
              PRIMARY KEY (user, id))""",
                  """
            CREATE TABLE contacts (
              owner TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
              contact TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
              added_at INTEGER NOT NULL,
              PRIMARY KEY (owner, contact))""",
                  "CREATE INDEX contacts_by_contact ON contacts(contact)",
                  """
            CREATE TABLE queue (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              recipient TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
              sender TEXT NOT NULL,
              msg_id TEXT NOT NULL,
              envelope BLOB NOT NULL,
              sent_at INTEGER NOT NULL)""",
                  "CREATE INDEX queue_by_recipient ON queue(recipient, seq)",
                  "CREATE UNIQUE INDEX queue_by_ack ON queue(recipient, sender, msg_id)",
                  """
            CREATE TABLE seen (
              sender TEXT NOT NULL,
              msg_id TEXT NOT NULL,
              seen_at INTEGER NOT NULL,
              PRIMARY KEY (sender, msg_id))""",
                  "CREATE INDEX seen_by_age ON seen(seen_at)",
                  """
            CREATE TABLE receipts (
              rid INTEGER PRIMARY KEY AUTOINCREMENT,
              owner TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
              peer TEXT NOT NULL,
              msg_id TEXT NOT NULL,
              status TEXT NOT NULL,
              at INTEGER NOT NULL)""",
                  "CREATE INDEX receipts_by_owner ON receipts(owner, rid)"),
              // 2: what each hash is a hash of (Credentials.Scheme); existing accounts hash
              // passwords.
              List.of("ALTER TABLE users ADD COLUMN scheme INTEGER NOT NULL DEFAULT 0")));

  private Schema() {}

  /** Brings the database to the newest version inside one transaction per step. */
  static void migrate(Connection c) throws SQLException {
    MIGRATIONS.migrate(c, "this server understands");
  }
}
