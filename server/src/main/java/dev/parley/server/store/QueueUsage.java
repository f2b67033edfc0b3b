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
 * What one recipient's offline queue holds: in all, per sender, and from the senders the recipient
 * has not added as contacts ("strangers") together. Loaded from the database on first use, then
 * kept current by the writer thread on every enqueue, acknowledgement, contact change and account
 * deletion (so a send costs no COUNT query). Whether a sender is a stranger is its standing now: a
 * sender the recipient adds moves its queued messages out of the strangers' pool, one it removes
 * moves them back in. Not thread-safe.
 */
final class QueueUsage {
  private static final class Share {
    int messages;
    long bytes;
    boolean contact;
  }

  private final String recipient;
  private final Map<String, Share> bySender = new HashMap<>();
  private int messages;
  private long bytes;
  private int strangerMessages;
  private long strangerBytes;

  private QueueUsage(String recipient) {
    this.recipient = recipient;
  }

  /** Counts what the database holds for {@code recipient} (one grouped query). */
  static QueueUsage load(Connection c, String recipient) throws SQLException {
    QueueUsage u = new QueueUsage(recipient);
    // length() of a BLOB is read from the record header: the envelopes themselves are not read.
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT q.sender, COUNT(*), SUM(length(q.envelope)), EXISTS (SELECT 1 FROM contacts k "
                + "WHERE k.owner = q.recipient AND k.contact = q.sender) "
                + "FROM queue q WHERE q.recipient = ? GROUP BY q.sender")) {
      p.setString(1, recipient);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          Share s = new Share();
          s.messages = rs.getInt(2);
          s.bytes = rs.getLong(3);
          s.contact = rs.getBoolean(4);
          u.bySender.put(rs.getString(1), s);
          u.count(s, s.messages, s.bytes);
        }
      }
    }
    return u;
  }

  /**
   * Refuses with {@code queue_full} when one more envelope of {@code size} bytes from {@code
   * sender} would exceed, in this order, the sender's share (that sender is told it is the one
   * waiting), the strangers' pool when {@code contact} is false, or the recipient's total.
   *
   * @param contact whether the recipient has {@code sender} as a contact now; asked only when the
   *     sender has nothing queued (otherwise its share knows)
   * @return whether the sender counts as a contact, for {@link #add}
   */
  boolean admit(String sender, int size, QueueLimits limits, ContactCheck contact)
      throws ProtocolException, SQLException {
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
    boolean isContact = s != null ? s.contact : contact.test();
    if (!isContact
        && (strangerMessages + 1 > limits.strangerMessages()
            || strangerBytes + size > limits.strangerBytes())) {
      throw new ProtocolException(
          ErrorCode.QUEUE_FULL,
          "Too many messages from people "
              + recipient
              + " has not added are waiting; try again once "
              + recipient
              + " has received them, or ask to be added.");
    }
    if (messages + 1 > limits.recipientMessages() || bytes + size > limits.recipientBytes()) {
      throw new ProtocolException(
          ErrorCode.QUEUE_FULL, recipient + " has too many undelivered messages; try again later.");
    }
    return isContact;
  }

  /** Whether the recipient has the sender as a contact (a database lookup). */
  @FunctionalInterface
  interface ContactCheck {
    boolean test() throws SQLException;
  }

  /** Counts a stored envelope from a sender whose standing {@link #admit} just established. */
  void add(String sender, int size, boolean contact) {
    Share s = bySender.get(sender);
    if (s == null) {
      s = new Share();
      s.contact = contact;
      bySender.put(sender, s);
    }
    s.messages++;
    s.bytes += size;
    count(s, 1, size);
  }

  /** Whether {@code sender} counts as a contact: its share knows, else {@code contact} is asked. */
  boolean isContact(String sender, ContactCheck contact) throws SQLException {
    Share s = bySender.get(sender);
    return s != null ? s.contact : contact.test();
  }

  /** Uncounts a deleted envelope; says whether its sender counted as a contact. */
  boolean remove(String sender, long size) {
    Share s = bySender.get(sender);
    if (s != null) {
      boolean contact = s.contact;
      s.messages--;
      s.bytes -= size;
      count(s, -1, -size);
      if (s.messages <= 0) {
        bySender.remove(sender); // memory stays bounded by what is queued
      }
      return contact;
    }
    messages = Math.max(0, messages - 1);
    bytes = Math.max(0, bytes - size);
    return false;
  }

  /** The recipient added ({@code true}) or removed {@code sender} as a contact. */
  void contactChanged(String sender, boolean contact) {
    Share s = bySender.get(sender);
    if (s == null || s.contact == contact) {
      return;
    }
    count(s, -s.messages, -s.bytes);
    s.contact = contact;
    count(s, s.messages, s.bytes);
  }

  private void count(Share s, int dMessages, long dBytes) {
    messages = Math.max(0, messages + dMessages);
    bytes = Math.max(0, bytes + dBytes);
    if (!s.contact) {
      strangerMessages = Math.max(0, strangerMessages + dMessages);
      strangerBytes = Math.max(0, strangerBytes + dBytes);
    }
  }
}
