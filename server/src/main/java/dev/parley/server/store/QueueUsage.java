package dev.parley.server.store;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What one recipient's offline queue holds, in all and per sender: messages and envelope bytes.
 * Loaded from the database on first use, then kept current by the writer thread on every enqueue,
 * acknowledgement and account deletion (so a send costs no COUNT query). Not thread-safe.
 */
final class QueueUsage {
  private static final class Share {
    int messages;
    long bytes;
  }

  private final String recipient;
  private final Map<String, Share> bySender = new HashMap<>();
  private int messages;
  private long bytes;

  private QueueUsage(String recipient) {
    this.recipient = recipient;
  }

  /** Counts what the database holds for {@code recipient} (one grouped query). */
  static QueueUsage load(Connection c, String recipient) throws SQLException {
    QueueUsage u = new QueueUsage(recipient);
    // length() of a BLOB is read from the record header: the envelopes themselves are not read.
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT sender, COUNT(*), SUM(length(envelope)) FROM queue "
                + "WHERE recipient = ? GROUP BY sender")) {
      p.setString(1, recipient);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          Share s = new Share();
          s.messages = rs.getInt(2);
          s.bytes = rs.getLong(3);
          u.bySender.put(rs.getString(1), s);
          u.messages += s.messages;
          u.bytes += s.bytes;
        }
      }
    }
    return u;
  }

  /**
   * Refuses with {@code queue_full} when one more envelope of {@code size} bytes from {@code
   * sender} would exceed the sender's share (checked first: that sender is told it is the one
   * waiting) or the recipient's total.
   */
  void admit(String sender, int size, QueueLimits limits) throws ProtocolException {
    Share s = bySender.get(sender);
    int senderMessages = s == null ? 0 : s.messages;
    long senderBytes = s == null ? 0 : s.bytes;
    if (senderMessages + 1 > limits.senderMessages() || senderBytes + size > limits.senderBytes()) {
      throw new ProtocolException(
          ErrorCode.QUEUE_FULL,
          "Too many of your messages are waiting for "
              + recipient
              + "; send more once they have received them.");
    }
    if (messages + 1 > limits.recipientMessages() || bytes + size > limits.recipientBytes()) {
      throw new ProtocolException(
          ErrorCode.QUEUE_FULL, recipient + " has too many undelivered messages; try again later.");
    }
  }

  /** Counts a stored envelope. */
  void add(String sender, int size) {
    Share s = bySender.computeIfAbsent(sender, k -> new Share());
    s.messages++;
    s.bytes += size;
    messages++;
    bytes += size;
  }

  /** Uncounts a deleted envelope. */
  void remove(String sender, long size) {
    Share s = bySender.get(sender);
    if (s != null) {
      s.messages--;
      s.bytes -= size;
      if (s.messages <= 0) {
        bySender.remove(sender); // memory stays bounded by what is queued
      }
    }
    messages = Math.max(0, messages - 1);
    bytes = Math.max(0, bytes - size);
  }
}
