package dev.parley.server.store;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.ServerConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Every query the server runs, each on the writer or the reader thread of {@link Database}. */
public final class ServerStore {
  /** Most one-time prekeys stored per user. */
  public static final int MAX_PREKEYS = 1000;

  /** How long a (sender, msgId) pair is remembered to drop retried sends. */
  public static final long DEDUP_RETENTION_MILLIS = 30L * 24 * 3600 * 1000;

  /** Below this many one-time prekeys the owner is sent {@code keys_low}. */
  public static final int KEYS_LOW_THRESHOLD = 20;

  private final Database db;
  private final QueueLimits limits;
  private final DiskGuard disk;
  // Writer-thread only: what each recipient's queue holds, loaded on first use.
  private final Map<String, QueueUsage> queues = new HashMap<>();
  // Writer-thread only: users told keys_low since their count last reached the threshold.
  private final Set<String> toldKeysLow = new HashSet<>();

  /** Queries over {@code db}, refusing sends beyond {@code limits} or {@code disk}. */
  public ServerStore(Database db, QueueLimits limits, DiskGuard disk) {
    this.db = db;
    this.limits = limits;
    this.disk = disk;
  }

  /** The store with the bounds of {@code config}. */
  public static ServerStore create(Database db, ServerConfig config) {
    return new ServerStore(
        db,
        new QueueLimits(
            config.queueLimit(),
            config.queueBytesLimit(),
            config.senderQueueLimit(),
            config.senderQueueBytes(),
            config.strangerQueueLimit(),
            config.strangerQueueBytes()),
        new DiskGuard(config.dataDir(), config.minFreeDiskBytes()));
  }

  /**
   * The writer-thread counters above change inside a transaction's work; when a whole batch fails
   * to commit (disk full, I/O error) they no longer match the database, so they are dropped and
   * reloaded on next use. Refusals ({@link ProtocolException}) roll back nothing counted.
   */
  private <T> CompletableFuture<T> keepingCountersTrue(CompletableFuture<T> write) {
    write.whenComplete(
        (r, e) -> {
          Throwable cause =
              e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                  ? e.getCause()
                  : e;
          if (cause != null && !(cause instanceof ProtocolException)) {
            db.write(
                c -> {
                  queues.clear();
                  toldKeysLow.clear();
                  return null;
                });
          }
        });
    return write;
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
          boolean existed;
          try (PreparedStatement p = c.prepareStatement("DELETE FROM users WHERE name = ?")) {
            p.setString(1, name);
            existed = p.executeUpdate() > 0;
          }
          // Its queue went with it (ON DELETE CASCADE); what it sent others stays queued, and now
          // counts in their strangers' pools (its places in contact lists went too).
          queues.remove(name);
          queues.values().forEach(q -> q.contactChanged(name, false));
          toldKeysLow.remove(name);
          return existed;
        });
  }

  /**
   * Stores published keys; a new identity replaces the old one and all its prekeys. A count that
   * reaches {@link #KEYS_LOW_THRESHOLD} re-arms the {@code keys_low} notice.
   */
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
          if (count >= KEYS_LOW_THRESHOLD) {
            toldKeysLow.remove(user);
          }
          return count;
        });
  }

  /**
   * For a login: the one-time prekeys left when {@code user} should be sent {@code keys_low} now
   * (fewer than {@link #KEYS_LOW_THRESHOLD}, and not told since its count last reached it), else
   * -1. A non-negative answer counts as told.
   */
  public CompletableFuture<Integer> claimKeysLowNotice(String user) {
    return db.write(
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
          int count = prekeyCount(c, user);
          return count < KEYS_LOW_THRESHOLD && toldKeysLow.add(user) ? count : -1;
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

  /**
   * Hands out {@code user}'s bundle. It carries (and uses up) the lowest one-time prekey when one
   * is left and {@code mayHandOutOneTime} agrees for {@code user} (asked only then, on the writer
   * thread). The bundle's {@code lowNotice} is set when fewer than {@link #KEYS_LOW_THRESHOLD} are
   * left, the owner was not told since its count last reached that, and {@code ownerReachable} says
   * it can be told now; it then counts as told, so a flood of fetches makes one notice per refill,
   * not one per fetch.
   */
  public CompletableFuture<Bundle> fetchBundle(
      String user, Predicate<String> mayHandOutOneTime, Predicate<String> ownerReachable) {
    return keepingCountersTrue(
        db.write(
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
              int remaining = prekeyCount(c, user);
              KeyUpload.OneTime oneTime = null;
              if (remaining > 0 && mayHandOutOneTime.test(user)) {
                try (PreparedStatement p =
                    c.prepareStatement(
                        "DELETE FROM prekeys WHERE rowid = "
                            + "(SELECT rowid FROM prekeys WHERE user = ? ORDER BY id LIMIT 1) "
                            + "RETURNING id, key")) {
                  p.setString(1, user);
                  try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    oneTime = new KeyUpload.OneTime(rs.getInt(1), rs.getBytes(2));
                  }
                }
                remaining--;
              }
              boolean notice =
                  remaining < KEYS_LOW_THRESHOLD
                      && !toldKeysLow.contains(user)
                      && ownerReachable.test(user);
              if (notice) {
                toldKeysLow.add(user);
              }
              return new Bundle(user, dh, sign, spkId, spk, sig, oneTime, remaining, notice);
            }));
  }

  /**
   * Adds {@code contact} to {@code owner}'s list (again is fine); fails with {@code unknown_user}.
   * Says whether the pair is mutual now and whether this addition made it so.
   */
  public CompletableFuture<ContactChange> addContact(String owner, String contact, long now) {
    return keepingCountersTrue(
        db.write(
            c -> {
              requireUser(c, contact);
              boolean added;
              try (PreparedStatement p =
                  c.prepareStatement(
                      "INSERT INTO contacts(owner, contact, added_at) VALUES (?, ?, ?) "
                          + "ON CONFLICT DO NOTHING")) {
                p.setString(1, owner);
                p.setString(2, contact);
                p.setLong(3, now);
                added = p.executeUpdate() > 0;
              }
              boolean mutual = isContact(c, contact, owner);
              // What contact has queued for owner leaves the strangers' pool.
              QueueUsage queue = queues.get(owner);
              if (queue != null) {
                queue.contactChanged(contact, true);
              }
              return new ContactChange(new Contact(contact, mutual), added && mutual);
            }));
  }

  /**
   * Removes a contact (no error if it was not there); true when this broke a mutual pair (the other
   * still has {@code owner} as a contact).
   */
  public CompletableFuture<Boolean> removeContact(String owner, String contact) {
    return keepingCountersTrue(
        db.write(
            c -> {
              boolean removed;
              try (PreparedStatement p =
                  c.prepareStatement("DELETE FROM contacts WHERE owner = ? AND contact = ?")) {
                p.setString(1, owner);
                p.setString(2, contact);
                removed = p.executeUpdate() > 0;
              }
              // What contact has queued for owner counts in the strangers' pool again.
              QueueUsage queue = queues.get(owner);
              if (queue != null) {
                queue.contactChanged(contact, false);
              }
              return removed && isContact(c, contact, owner);
            }));
  }

  private static boolean isContact(Connection c, String owner, String contact) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT 1 FROM contacts WHERE owner = ? AND contact = ?")) {
      p.setString(1, owner);
      p.setString(2, contact);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** {@code owner}'s contacts, sorted by name, each saying whether it added {@code owner} too. */
  public CompletableFuture<List<Contact>> contacts(String owner) {
    return db.read(
        c -> {
          List<Contact> out = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT c.contact, EXISTS (SELECT 1 FROM contacts r "
                      + "WHERE r.owner = c.contact AND r.contact = c.owner) "
                      + "FROM contacts c WHERE c.owner = ? ORDER BY 1")) {
            p.setString(1, owner);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(new Contact(rs.getString(1), rs.getBoolean(2)));
              }
            }
          }
          return out;
        });
  }

  /**
   * Runs {@code then} on the reader thread with the users in a mutual pair with {@code user} (each
   * has the other as a contact): the only ones who see its presence. Calls run in the order they
   * were made, each seeing every write committed before it ran, so presence events sent from {@code
   * then} reach a watcher in the order of the changes they describe (a login announced late cannot
   * overtake the removal that followed it).
   */
  public CompletableFuture<Void> forMutualContacts(String user, Consumer<List<String>> then) {
    return db.read(
        c -> {
          then.accept(
              names(
                  c,
                  "SELECT c.owner FROM contacts c JOIN contacts r "
                      + "ON r.owner = c.contact AND r.contact = c.owner WHERE c.contact = ?",
                  user));
          return null;
        });
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
   * again; the result says so (this wins over every limit). Then it fails, in this order, with
   * {@code unknown_user}, {@code queue_full} (the sender's share of the recipient's queue, then the
   * recipient's total, see {@link QueueLimits}) or {@code server_busy} (the disk is short of the
   * configured free space). {@code committed} hears each stored result in commit order (see {@link
   * Database#write(SqlWork, java.util.function.Consumer)}).
   */
  public CompletableFuture<EnqueueResult> enqueue(
      String sender,
      String recipient,
      String msgId,
      byte[] envelope,
      long now,
      Consumer<? super EnqueueResult> committed) {
    return keepingCountersTrue(
        db.write(
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
              QueueUsage queue = queue(c, recipient);
              boolean contact =
                  queue.admit(
                      sender, envelope.length, limits, () -> isContact(c, recipient, sender));
              if (!disk.allows(envelope.length)) {
                throw new ProtocolException(
                    ErrorCode.SERVER_BUSY, "The server is short of disk space; try again later.");
              }
              try (PreparedStatement p =
                  c.prepareStatement(
                      "INSERT INTO seen(sender, msg_id, seen_at) VALUES (?, ?, ?)")) {
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
              queue.add(sender, envelope.length, contact);
              disk.wrote(envelope.length);
              return new EnqueueResult(
                  new QueuedMessage(seq, recipient, sender, msgId, envelope, now), now);
            },
            committed));
  }

  private QueueUsage queue(Connection c, String recipient) throws SQLException {
    QueueUsage known = queues.get(recipient);
    if (known == null) {
      known = QueueUsage.load(c, recipient);
      queues.put(recipient, known);
    }
    return known;
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
   * Deletes an acknowledged message and, when the recipient has the sender as a contact, records a
   * {@code delivered} receipt for the sender. Returns the receipt, or empty when there is none (no
   * such message was queued, it was already acknowledged, or the sender is not the recipient's
   * contact); {@code committed} hears it in commit order.
   */
  public CompletableFuture<Optional<Receipt>> acknowledge(
      String recipient,
      String sender,
      String msgId,
      long now,
      Consumer<? super Optional<Receipt>> committed) {
    return keepingCountersTrue(
        db.write(
            c -> {
              long size;
              try (PreparedStatement p =
                  c.prepareStatement(
                      "DELETE FROM queue WHERE recipient = ? AND sender = ? AND msg_id = ? "
                          + "RETURNING length(envelope)")) {
                p.setString(1, recipient);
                p.setString(2, sender);
                p.setString(3, msgId);
                try (ResultSet rs = p.executeQuery()) {
                  if (!rs.next()) {
                    return Optional.empty();
                  }
                  size = rs.getLong(1);
                }
              }
              Optional<Receipt> receipt = Optional.empty();
              // Only with the recipient's consent: a delivered receipt tells the sender that the
              // recipient is online right now, so it goes only to senders the recipient has added
              // as contacts (which also means the sender's account still exists).
              if (isContact(c, recipient, sender)) {
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
                    receipt =
                        Optional.of(
                            new Receipt(rs.getLong(1), sender, recipient, msgId, "delivered", now));
                  }
                }
              }
              // Counted last: a statement that fails above rolls this task back, counters
              // untouched.
              QueueUsage queue = queues.get(recipient);
              if (queue != null) {
                queue.remove(sender, size);
              }
              return receipt;
            },
            committed));
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
