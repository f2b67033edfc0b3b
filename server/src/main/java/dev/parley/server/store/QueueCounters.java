package dev.parley.server.store;

import dev.parley.protocol.ProtocolException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What each recipient's queue holds ({@link QueueUsage}), loaded on first use and then kept current
 * by the data-access classes that change queues or the contacts that decide who is a stranger.
 * Writer-thread only.
 */
final class QueueCounters {
  private final Map<String, QueueUsage> queues = new HashMap<>();
  private Function<String, List<QueuedMessage>> unstored = r -> List.of();
  private Consumer<String> deleted = name -> {};

  /** See {@link MessageQueue#attach}. */
  void attach(Function<String, List<QueuedMessage>> unstored, Consumer<String> deleted) {
    this.unstored = unstored;
    this.deleted = deleted;
  }

  /**
   * {@code recipient}'s counters, counted on first use from the database and what the relay holds
   * for it in memory; refuses with {@code unknown_user} when there is no such account (counters
   * loaded mean the account exists: a deletion drops them).
   */
  QueueUsage ofUser(Connection c, String recipient) throws SQLException, ProtocolException {
    QueueUsage known = queues.get(recipient);
    if (known == null) {
      AccountStore.requireUser(c, recipient);
      known = QueueUsage.load(c, recipient);
      for (QueuedMessage m : unstored.apply(recipient)) {
        String sender = m.sender();
        known.add(
            sender,
            m.envelope().length,
            known.isContact(sender, () -> ContactStore.isContact(c, recipient, sender)));
      }
      queues.put(recipient, known);
    }
    return known;
  }

  /**
   * Uncounts an acknowledged envelope of {@code recipient}'s (loading its counters first); says
   * whether the recipient has the sender as a contact.
   */
  boolean removed(Connection c, String recipient, String sender, long size)
      throws SQLException, ProtocolException {
    return ofUser(c, recipient).remove(sender, size);
  }

  /** {@code owner} added ({@code true}) or removed {@code contact}. */
  void contactChanged(String owner, String contact, boolean added) {
    QueueUsage queue = queues.get(owner);
    if (queue != null) {
      queue.contactChanged(contact, added);
    }
  }

  /**
   * {@code name}'s account is gone: its queue went with it (ON DELETE CASCADE); what it sent others
   * stays queued, and now counts in their strangers' pools (its places in contact lists went too).
   */
  void userDeleted(String name) {
    queues.remove(name);
    queues.values().forEach(q -> q.contactChanged(name, false));
    deleted.accept(name);
  }

  /** Forgets everything; reloaded on next use. */
  void clear() {
    queues.clear();
  }
}
