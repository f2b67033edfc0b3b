package dev.parley.server.store;

import dev.parley.platform.sql.Sql;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The offline queue and the (sender, msgId) pairs seen: the relay's data. */
public final class MessageQueue {
  private final Database db;
  private final QueueLimits limits;
  private final DiskGuard disk;
  private final QueueCounters queues;
  private final CacheGuard guard;

  MessageQueue(
      Database db, QueueLimits limits, DiskGuard disk, QueueCounters queues, CacheGuard guard) {
    this.db = db;
    this.limits = limits;
    this.disk = disk;
    this.queues = queues;
    this.guard = guard;
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
    return guard.guard(
        db.write(
            c -> {
              Optional<Long> seenAt =
                  Sql.first(
                      c,
                      "SELECT seen_at FROM seen WHERE sender = ? AND msg_id = ?",
                      rs -> rs.getLong(1),
                      sender,
                      msgId);
              if (seenAt.isPresent()) {
                return new EnqueueResult(null, seenAt.get());
              }
              AccountStore.requireUser(c, recipient);
              QueueUsage queue = queues.of(c, recipient);
              boolean contact =
                  queue.admit(
                      sender,
                      envelope.length,
                      limits,
                      () -> ContactStore.isContact(c, recipient, sender));
              if (!disk.allows(envelope.length)) {
                throw new ProtocolException(
                    ErrorCode.SERVER_BUSY, "The server is short of disk space; try again later.");
              }
              Sql.update(
                  c,
                  "INSERT INTO seen(sender, msg_id, seen_at) VALUES (?, ?, ?)",
                  sender,
                  msgId,
                  now);
              long seq =
                  Sql.one(
                      c,
                      "INSERT INTO queue(recipient, sender, msg_id, envelope, sent_at) "
                          + "VALUES (?, ?, ?, ?, ?) RETURNING seq",
                      rs -> rs.getLong(1),
                      recipient,
                      sender,
                      msgId,
                      envelope,
                      now);
              queue.add(sender, envelope.length, contact);
              disk.wrote(envelope.length);
              return new EnqueueResult(
                  new QueuedMessage(seq, recipient, sender, msgId, envelope, now), now);
            },
            committed));
  }

  /** Up to {@code limit} undelivered messages for {@code recipient} after {@code afterSeq}. */
  public CompletableFuture<List<QueuedMessage>> pending(
      String recipient, long afterSeq, int limit) {
    return db.read(
        c ->
            Sql.list(
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
                limit));
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
    return guard.guard(
        db.write(
            c -> {
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
              Optional<Receipt> receipt = Optional.empty();
              // Only with the recipient's consent: a delivered receipt tells the sender that the
              // recipient is online right now, so it goes only to senders the recipient has added
              // as contacts (which also means the sender's account still exists).
              if (ContactStore.isContact(c, recipient, sender)) {
                receipt =
                    Optional.of(ReceiptStore.recordDelivered(c, sender, recipient, msgId, now));
              }
              // Counted last: a statement that fails above rolls this task back, counters
              // untouched.
              queues.removed(recipient, sender, size.get());
              return receipt;
            },
            committed));
  }

  /** Forgets (sender, msgId) pairs older than the retention period. */
  public CompletableFuture<Integer> purgeSeen(long now) {
    return db.write(
        c ->
            Sql.update(
                c, "DELETE FROM seen WHERE seen_at < ?", now - Limits.DEDUP_RETENTION_MILLIS));
  }
}
