package dev.parley.server.store;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Every query the server runs, each on the writer or the reader thread of {@link Database}. */
public final class ServerStore {
  /** Most one-time prekeys stored per user. */
  public static final int MAX_PREKEYS = 1000;

  /** How long a (sender, msgId) pair is remembered to drop retried sends. */
  public static final long DEDUP_RETENTION_MILLIS = 30L * 24 * 3600 * 1000;

  private final Database db;
  private final int queueLimit;
  // Writer-thread only: undelivered messages per recipient, loaded on first use.
  private final Map<String, Integer> queueCounts = new HashMap<>();

  /** Queries over {@code db}, refusing sends beyond {@code queueLimit} per recipient. */
  public ServerStore(Database db, int queueLimit) {
    this.db = db;
    this.queueLimit = queueLimit;
  }

  /** Creates an account; fails with {@code username_taken}. */
  public CompletableFuture<Void> createUser(
      String name, String hash, Credentials.Scheme scheme, long now) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO users(name, hash, scheme, created_at) VALUES (?, ?, ?, ?) "
                      + "ON CONFLICT(name) DO NOTHING")) {
            p.setString(1, name);
            p.setString(2, hash);
            p.setInt(3, scheme.code());
            p.setLong(4, now);
            if (p.executeUpdate() == 0) {
              throw new ProtocolException(ErrorCode.USERNAME_TAKEN, "That username is taken.");
            }
          }
          return null;
        });
  }

  /** The stored hash and its scheme for {@code name}, if the account exists. */
  public CompletableFuture<Optional<Credentials>> credentials(String name) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT hash, scheme FROM users WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new Credentials(rs.getString(1), Credentials.Scheme.of(rs.getInt(2))))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * Replaces {@code name}'s credentials if its hash is still {@code expectedHash} (a concurrent
   * change wins otherwise); true when replaced.
   */
  public CompletableFuture<Boolean> replaceCredentials(
      String name, String expectedHash, String hash, Credentials.Scheme scheme) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE users SET hash = ?, scheme = ? WHERE name = ? AND hash = ?")) {
            p.setString(1, hash);
            p.setInt(2, scheme.code());
            p.setString(3, name);
            p.setString(4, expectedHash);
            return p.executeUpdate() == 1;
          }
        });
  }

  private static Optional<String> passwordHash(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT hash FROM users WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** All usernames, sorted. */
  public CompletableFuture<List<String>> listUsers() {
    return db.read(
        c -> {
          List<String> names = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement("SELECT name FROM users ORDER BY name");
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              names.add(rs.getString(1));
            }
          }
          return names;
        });
  }

  /** Deletes an account with its keys, contacts and queued messages; true if it existed. */
  public CompletableFuture<Boolean> deleteUser(String name) {
    return db.write(
        c -> {
          queueCounts.remove(name);
          try (PreparedStatement p = c.prepareStatement("DELETE FROM users WHERE name = ?")) {
            p.setString(1, name);
            return p.executeUpdate() > 0;
          }
        });
  }

  /** Stores published keys; a new identity replaces the old one and all its prekeys. */
  public CompletableFuture<Integer> publishKeys(String user, KeyUpload keys, long now) {
    return db.write(
        c -> {
          boolean sameIdentity = false;
          try (PreparedStatement p =
              c.prepareStatement("SELECT dh, sign FROM identities WHERE user = ?")) {
            p.setString(1, user);
            try (ResultSet rs = p.executeQuery()) {
              if (rs.next()) {
                sameIdentity =
                    Arrays.equals(rs.getBytes(1), keys.identityDh())
                        && Arrays.equals(rs.getBytes(2), keys.identitySign());
              }
            }
          }
          if (!sameIdentity) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM prekeys WHERE user = ?")) {
              p.setString(1, user);
              p.executeUpdate();
            }
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO identities(user, dh, sign, spk_id, spk, spk_sig, updated_at) "
                      + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(user) DO UPDATE SET "
                      + "dh = excluded.dh, sign = excluded.sign, spk_id = excluded.spk_id, "
                      + "spk = excluded.spk, spk_sig = excluded.spk_sig, "
                      + "updated_at = excluded.updated_at")) {
            p.setString(1, user);
            p.setBytes(2, keys.identityDh());
            p.setBytes(3, keys.identitySign());
            p.setInt(4, keys.signedPreKeyId());
            p.setBytes(5, keys.signedPreKey());
            p.setBytes(6, keys.signedPreKeySignature());
            p.setLong(7, now);
            p.executeUpdate();
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO prekeys(user, id, key) VALUES (?, ?, ?) "
                      + "ON CONFLICT(user, id) DO UPDATE SET key = excluded.key")) {
            for (KeyUpload.OneTime k : keys.oneTimePreKeys()) {
              p.setString(1, user);
              p.setInt(2, k.id());
              p.setBytes(3, k.key());
              p.addBatch();
            }
            p.executeBatch();
          }
          int count = prekeyCount(c, user);
          if (count > MAX_PREKEYS) {
            throw new ProtocolException(
                ErrorCode.BAD_REQUEST, "at most " + MAX_PREKEYS + " one-time prekeys are kept");
          }
          return count;
        });
  }

  /** Unused one-time prekeys held for {@code user}, or -1 when it has published no keys. */
  public CompletableFuture<Integer> prekeyStatus(String user) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT 1 FROM identities WHERE user = ?")) {
            p.setString(1, user);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) {
                return -1;
              }
            }
          }
          return prekeyCount(c, user);
        });
  }

  /** Unused one-time prekeys the server holds for {@code user}. */
  public CompletableFuture<Integer> prekeyCount(String user) {
    return db.read(c -> prekeyCount(c, user));
  }

  private static int prekeyCount(Connection c, String user) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM prekeys WHERE user = ?")) {
      p.setString(1, user);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Hands out {@code user}'s bundle, using up one one-time prekey if any is left. */
  public CompletableFuture<Bundle> fetchBundle(String user) {
    return db.write(
        c -> {
          requireUser(c, user);
          byte[] dh;
          byte[] sign;
          int spkId;
          byte[] spk;
          byte[] sig;
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT dh, sign, spk_id, spk, spk_sig FROM identities WHERE user = ?")) {
            p.setString(1, user);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) {
                throw new ProtocolException(
                    ErrorCode.NO_KEYS, user + " has not published keys yet.");
              }
              dh = rs.getBytes(1);
              sign = rs.getBytes(2);
              spkId = rs.getInt(3);
              spk = rs.getBytes(4);
              sig = rs.getBytes(5);
            }
          }
          KeyUpload.OneTime oneTime = null;
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM prekeys WHERE rowid = "
                      + "(SELECT rowid FROM prekeys WHERE user = ? ORDER BY id LIMIT 1) "
                      + "RETURNING id, key")) {
            p.setString(1, user);
            try (ResultSet rs = p.executeQuery()) {
              if (rs.next()) {
                oneTime = new KeyUpload.OneTime(rs.getInt(1), rs.getBytes(2));
              }
            }
          }
          return new Bundle(user, dh, sign, spkId, spk, sig, oneTime, prekeyCount(c, user));
        });
  }

  /** Adds {@code contact} to {@code owner}'s list; fails with {@code unknown_user}. */
  public CompletableFuture<Void> addContact(String owner, String contact, long now) {
    return db.write(
        c -> {
          requireUser(c, contact);
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO contacts(owner, contact, added_at) VALUES (?, ?, ?) "
                      + "ON CONFLICT DO NOTHING")) {
            p.setString(1, owner);
            p.setString(2, contact);
            p.setLong(3, now);
            p.executeUpdate();
          }
          return null;
        });
  }

  /** Removes a contact (no error if it was not there). */
  public CompletableFuture<Void> removeContact(String owner, String contact) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM contacts WHERE owner = ? AND contact = ?")) {
            p.setString(1, owner);
            p.setString(2, contact);
            p.executeUpdate();
          }
          return null;
        });
  }

  /** {@code owner}'s contacts, sorted by name. */
  public CompletableFuture<List<String>> contacts(String owner) {
    return db.read(c -> names(c, "SELECT contact FROM contacts WHERE owner = ? ORDER BY 1", owner));
  }

  /** Users who have {@code user} in their contacts (they see its presence). */
  public CompletableFuture<List<String>> watchers(String user) {
    return db.read(c -> names(c, "SELECT owner FROM contacts WHERE contact = ?", user));
  }

  private static List<String> names(Connection c, String sql, String arg) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, arg);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * Stores an envelope for {@code recipient}. A (sender, msgId) already accepted is not stored
   * again; the result says so. Fails with {@code unknown_user} or {@code queue_full}. {@code
   * committed} hears each stored result in commit order (see {@link Database#write(SqlWork,
   * java.util.function.Consumer)}).
   */
  public CompletableFuture<EnqueueResult> enqueue(
      String sender,
      String recipient,
      String msgId,
      byte[] envelope,
      long now,
      Consumer<? super EnqueueResult> committed) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT seen_at FROM seen WHERE sender = ? AND msg_id = ?")) {
            p.setString(1, sender);
            p.setString(2, msgId);
            try (ResultSet rs = p.executeQuery()) {
              if (rs.next()) {
                return new EnqueueResult(null, rs.getLong(1));
              }
            }
          }
          requireUser(c, recipient);
          int queued = queueCount(c, recipient);
          if (queued >= queueLimit) {
            throw new ProtocolException(
                ErrorCode.QUEUE_FULL,
                recipient + " has " + queued + " undelivered messages; try again later.");
          }
          try (PreparedStatement p =
              c.prepareStatement("INSERT INTO seen(sender, msg_id, seen_at) VALUES (?, ?, ?)")) {
            p.setString(1, sender);
            p.setString(2, msgId);
            p.setLong(3, now);
            p.executeUpdate();
          }
          long seq;
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO queue(recipient, sender, msg_id, envelope, sent_at) "
                      + "VALUES (?, ?, ?, ?, ?) RETURNING seq")) {
            p.setString(1, recipient);
            p.setString(2, sender);
            p.setString(3, msgId);
            p.setBytes(4, envelope);
            p.setLong(5, now);
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              seq = rs.getLong(1);
            }
          }
          queueCounts.put(recipient, queued + 1);
          return new EnqueueResult(
              new QueuedMessage(seq, recipient, sender, msgId, envelope, now), now);
        },
        committed);
  }

  private int queueCount(Connection c, String recipient) throws SQLException {
    Integer known = queueCounts.get(recipient);
    if (known != null) {
      return known;
    }
    try (PreparedStatement p =
        c.prepareStatement("SELECT COUNT(*) FROM queue WHERE recipient = ?")) {
      p.setString(1, recipient);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        int n = rs.getInt(1);
        queueCounts.put(recipient, n);
        return n;
      }
    }
  }

  /** Up to {@code limit} undelivered messages for {@code recipient} after {@code afterSeq}. */
  public CompletableFuture<List<QueuedMessage>> pending(
      String recipient, long afterSeq, int limit) {
    return db.read(
        c -> {
          List<QueuedMessage> out = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT seq, sender, msg_id, envelope, sent_at FROM queue "
                      + "WHERE recipient = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            p.setString(1, recipient);
            p.setLong(2, afterSeq);
            p.setInt(3, limit);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new QueuedMessage(
                        rs.getLong(1),
                        recipient,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBytes(4),
                        rs.getLong(5)));
              }
            }
          }
          return out;
        });
  }

  /**
   * Deletes an acknowledged message and records a {@code delivered} receipt for its sender. Returns
   * the receipt, or empty when no such message was queued (already acknowledged); {@code committed}
   * hears it in commit order.
   */
  public CompletableFuture<Optional<Receipt>> acknowledge(
      String recipient,
      String sender,
      String msgId,
      long now,
      Consumer<? super Optional<Receipt>> committed) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM queue WHERE recipient = ? AND sender = ? AND msg_id = ?")) {
            p.setString(1, recipient);
            p.setString(2, sender);
            p.setString(3, msgId);
            if (p.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          queueCounts.computeIfPresent(recipient, (k, v) -> Math.max(0, v - 1));
          if (passwordHash(c, sender).isEmpty()) {
            return Optional.empty(); // the sender's account is gone
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO receipts(owner, peer, msg_id, status, at) "
                      + "VALUES (?, ?, ?, 'delivered', ?) RETURNING rid")) {
            p.setString(1, sender);
            p.setString(2, recipient);
            p.setString(3, msgId);
            p.setLong(4, now);
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return Optional.of(
                  new Receipt(rs.getLong(1), sender, recipient, msgId, "delivered", now));
            }
          }
        },
        committed);
  }

  /** Up to {@code limit} receipts waiting for {@code owner} after {@code afterRid}. */
  public CompletableFuture<List<Receipt>> pendingReceipts(String owner, long afterRid, int limit) {
    return db.read(
        c -> {
          List<Receipt> out = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT rid, peer, msg_id, status, at FROM receipts "
                      + "WHERE owner = ? AND rid > ? ORDER BY rid LIMIT ?")) {
            p.setString(1, owner);
            p.setLong(2, afterRid);
            p.setInt(3, limit);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Receipt(
                        rs.getLong(1),
                        owner,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5)));
              }
            }
          }
          return out;
        });
  }

  /** Deletes a receipt its owner has seen. */
  public CompletableFuture<Void> acknowledgeReceipt(String owner, long rid) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM receipts WHERE owner = ? AND rid = ?")) {
            p.setString(1, owner);
            p.setLong(2, rid);
            p.executeUpdate();
          }
          return null;
        });
  }

  /** Forgets (sender, msgId) pairs older than the retention period. */
  public CompletableFuture<Integer> purgeSeen(long now) {
    return db.write(
        c -> {
          try (PreparedStatement p = c.prepareStatement("DELETE FROM seen WHERE seen_at < ?")) {
            p.setLong(1, now - DEDUP_RETENTION_MILLIS);
            return p.executeUpdate();
          }
        });
  }

  private static void requireUser(Connection c, String name)
      throws SQLException, ProtocolException {
    if (passwordHash(c, name).isEmpty()) {
      throw new ProtocolException(ErrorCode.UNKNOWN_USER, "There is no user called " + name + ".");
    }
  }
}
