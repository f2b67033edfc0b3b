package dev.parley.server.store;

import dev.parley.platform.sql.Sql;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The stored offline queue and the (sender, msgId) pairs seen: the relay's tables, and the counters
 * that bound each recipient's queue. Every method runs on the database writer thread, inside work
 * the relay queued there ({@link Database#writeLight}); the relay decides what is written when.
 */
public final class MessageQueue {
  private final QueueLimits limits;
  private final DiskGuard disk;
  private final QueueCounters queues;

  MessageQueue(QueueLimits limits, DiskGuard disk, QueueCounters queues) {
    this.limits = limits;
    this.disk = disk;
    this.queues = queues;
  }

  /** What an acknowledgement removed from the stored queue. */
  public record Removed(long bytes, boolean senderIsContact) {}

  /**
   * Counts one envelope of {@code size} bytes for {@code recipient} from {@code sender}, or refuses
   * it with {@code unknown_user}, {@code queue_full} (the sender's share of the recipient's queue,
   * then the strangers' pool, then the recipient's total, see {@link QueueLimits}) or {@code
   * server_busy} (the disk is short of the configured free space), in that order. Nothing is
   * counted when it refuses.
   */
  public void admit(Connection c, String sender, String recipient, int size)
      throws SQLException, ProtocolException {
    QueueUsage queue = queues.ofUser(c, recipient);
    boolean contact =
        queue.admit(sender, size, limits, () -> ContactStore.isContact(c, recipient, sender));
    if (!disk.allows(size)) {
      throw new ProtocolException(
          ErrorCode.SERVER_BUSY, "The server is short of disk space; try again later.");
    }
    queue.add(sender, size, contact);
    disk.wrote(size);
  }

  /**
   * Uncounts an envelope that was acknowledged before it was stored (call while the relay still
   * holds it, see {@link #attach}); says whether the recipient has the sender as a contact now (it
   * then gets a delivery receipt).
   */
  public boolean uncount(Connection c, String recipient, String sender, long size)
      throws SQLException, ProtocolException {
    return queues.removed(c, recipient, sender, size);
  }

  /** When (sender, msgId) was first accepted, if it is on record. */
  public Optional<Long> seenAt(Connection c, String sender, String msgId) throws SQLException {
    return Sql.first(
        c,
        "SELECT seen_at FROM seen WHERE sender = ? AND msg_id = ?",
        rs -> rs.getLong(1),
        sender,
        msgId);
  }

  /** Records the (sender, msgId) pairs of {@code messages} as seen (a pair on record stays). */
  public void storeSeen(Connection c, List<QueuedMessage> messages) throws SQLException {
    List<Object[]> rows = new ArrayList<>(messages.size());
    for (QueuedMessage m : messages) {
      rows.add(new Object[] {m.sender(), m.msgId(), m.sentAt()});
    }
    Sql.insertRows(
        c, "INSERT INTO seen(sender, msg_id, seen_at)", 3, " ON CONFLICT DO NOTHING", rows);
  }

  /**
   * Stores {@code messages} (already counted by {@link #admit}) under their own sequence numbers.
   */
  public void store(Connection c, List<QueuedMessage> messages) throws SQLException {
    List<Object[]> rows = new ArrayList<>(messages.size());
    for (QueuedMessage m : messages) {
      rows.add(
          new Object[] {m.seq(), m.recipient(), m.sender(), m.msgId(), m.envelope(), m.sentAt()});
    }
    Sql.insertRows(
        c,
        "INSERT INTO queue(seq, recipient, sender, msg_id, envelope, sent_at)",
        6,
        " ON CONFLICT DO NOTHING",
        rows);
  }

  /**
   * Deletes an acknowledged stored message and uncounts it; empty when no such message is stored
   * (never sent, acknowledged before, or the acknowledger is not its recipient).
   */
  public Optional<Removed> removeStored(Connection c, String recipient, String sender, String msgId)
      throws SQLException, ProtocolException {
    QueueUsage queue = queues.ofUser(c, recipient); // counted before the row goes
    Optional<Long> size =
        Sql.first(
            c,
            "DELETE FROM queue WHERE recipient = ? AND sender = ? AND msg_id = ? "
                + "RETURNING length(envelope)",
            rs -> rs.getLong(1),
            recipient,
            sender,
            msgId);
    if (size.isEmpty()) {
      return Optional.empty();
    }
    boolean contact = queue.remove(sender, size.get());
    return Optional.of(new Removed(size.get(), contact));
  }

  /** Up to {@code limit} stored messages for {@code recipient} after {@code afterSeq}. */
  public List<QueuedMessage> stored(Connection c, String recipient, long afterSeq, int limit)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT seq, sender, msg_id, envelope, sent_at FROM queue "
            + "WHERE recipient = ? AND seq > ? ORDER BY seq LIMIT ?",
        rs ->
            new QueuedMessage(
                rs.getLong(1),
                recipient,
                rs.getString(2),
                rs.getString(3),
                rs.getBytes(4),
                rs.getLong(5)),
        recipient,
        afterSeq,
        limit);
  }

  /** The highest sequence number stored (0 when none). */
  public long lastSeq(Connection c) throws SQLException {
    return Sql.one(c, "SELECT COALESCE(MAX(seq), 0) FROM queue", rs -> rs.getLong(1));
  }

  /** How many (sender, msgId) pairs are on record. */
  public long seenCount(Connection c) throws SQLException {
    return Sql.one(c, "SELECT COUNT(*) FROM seen", rs -> rs.getLong(1));
  }

  /** Every (sender, msgId) pair on record. */
  public void forEachSeen(Connection c, BiConsumer<String, String> pair) throws SQLException {
    try (java.sql.PreparedStatement p = c.prepareStatement("SELECT sender, msg_id FROM seen");
        java.sql.ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        pair.accept(rs.getString(1), rs.getString(2));
      }
    }
  }

  /** Forgets (sender, msgId) pairs older than the retention period; returns how many. */
  public int purgeSeen(Connection c, long now) throws SQLException {
    return Sql.update(c, "DELETE FROM seen WHERE seen_at < ?", now - Limits.DEDUP_RETENTION_MILLIS);
  }

  /**
   * Tells the counters what the relay holds in memory for a recipient ({@code unstored}), so that a
   * recount from the database (after a failed commit) still counts it; and who hears of an account
   * deleted ({@code deleted}).
   */
  public void attach(Function<String, List<QueuedMessage>> unstored, Consumer<String> deleted) {
    queues.attach(unstored, deleted);
  }
}
