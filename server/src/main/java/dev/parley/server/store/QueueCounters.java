package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What each recipient's queue holds ({@link QueueUsage}), loaded on first use and then kept current
 * by the data-access classes that change queues or the contacts that decide who is a stranger.
 * Writer-thread only.
 */
final class QueueCounters {
  private final Map<String, QueueUsage> queues = new HashMap<>();

  /** {@code recipient}'s counters, counted from the database on first use. */
  QueueUsage of(Connection c, String recipient) throws SQLException {
    QueueUsage known = queues.get(recipient);
    if (known == null) {
      known = QueueUsage.load(c, recipient);
      queues.put(recipient, known);
    }
    return known;
  }

  /** Uncounts an acknowledged envelope, if {@code recipient}'s counters are loaded. */
  void removed(String recipient, String sender, long size) {
    QueueUsage queue = queues.get(recipient);
    if (queue != null) {
      queue.remove(sender, size);
    }
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
  }

  /** Forgets everything; reloaded on next use. */
  void clear() {
    queues.clear();
  }
}
