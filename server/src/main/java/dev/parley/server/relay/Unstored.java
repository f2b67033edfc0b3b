package dev.parley.server.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Items the relay holds in memory and has not written yet, in two views: in the order they fall due
 * (oldest first; every item waits the same window, so arrival order is due order), and per owner in
 * key order, for streaming an owner's backlog. An item taken out of the owner's view early (it was
 * acknowledged) stays in the due order until it falls due, so what it still needs is written then.
 * Writer thread only.
 */
final class Unstored<T extends Unstored.Item> {
  /**
   * One item: whose it is, its key (sequence number or receipt id), when it falls due, and whether
   * it was settled (acknowledged, or its owner's account is gone) before.
   */
  abstract static class Item {
    private final long dueNanos;
    boolean settled;

    Item(long dueNanos) {
      this.dueNanos = dueNanos;
    }

    abstract String owner();

    abstract long key();

    final long dueNanos() {
      return dueNanos;
    }
  }

  private final ArrayDeque<T> due = new ArrayDeque<>();
  // Items due at once (nothing will settle them early): their own order, ahead of the window's.
  private final ArrayDeque<T> urgent = new ArrayDeque<>();
  private final Map<String, TreeMap<Long, T>> byOwner = new HashMap<>();

  /**
   * Holds {@code item}: an {@code urgent} one is due at once, any other after every non-urgent item
   * held before it.
   */
  void add(T item, boolean urgent) {
    (urgent ? this.urgent : due).addLast(item);
    byOwner.computeIfAbsent(item.owner(), o -> new TreeMap<>()).put(item.key(), item);
  }

  /** Takes {@code item} out of its owner's view (it stays in the due order). */
  void settle(T item) {
    TreeMap<Long, T> mine = byOwner.get(item.owner());
    if (mine != null && mine.remove(item.key()) != null && mine.isEmpty()) {
      byOwner.remove(item.owner());
    }
  }

  /** Up to {@code limit} of {@code owner}'s unsettled items with a key above {@code after}. */
  List<T> after(String owner, long after, int limit) {
    TreeMap<Long, T> mine = byOwner.get(owner);
    if (mine == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>(Math.min(limit, mine.size()));
    for (T item : mine.tailMap(after, false).values()) {
      if (out.size() == limit) {
        break;
      }
      out.add(item);
    }
    return out;
  }

  /** {@code owner}'s unsettled items, in key order. */
  List<T> of(String owner) {
    TreeMap<Long, T> mine = byOwner.get(owner);
    return mine == null ? List.of() : new ArrayList<>(mine.values());
  }

  /**
   * The items due at {@code nowNanos}, and at least the oldest {@code atLeast}, taken out. Items
   * that waited their window are taken only once the oldest is {@code gatherNanos} overdue (or
   * something else is taken anyway): a trickle of items each falling due on its own would otherwise
   * cost a commit each.
   */
  List<T> takeDue(long nowNanos, int atLeast, long gatherNanos) {
    List<T> out = new ArrayList<>(urgent.size());
    while (!urgent.isEmpty()) {
      T item = urgent.pollFirst();
      settle(item);
      out.add(item);
    }
    T oldest = due.peekFirst();
    if (oldest == null
        || (out.isEmpty() && atLeast == 0 && !overdue(oldest, nowNanos, gatherNanos))) {
      return out;
    }
    while (!due.isEmpty() && (due.peekFirst().dueNanos() <= nowNanos || out.size() < atLeast)) {
      T item = due.pollFirst();
      settle(item);
      out.add(item);
    }
    return out;
  }

  private static boolean overdue(Item item, long nowNanos, long byNanos) {
    // Long.MAX_VALUE is "now and for ever" (the writer's last batch): no sum may wrap past it.
    return nowNanos == Long.MAX_VALUE || item.dueNanos() <= nowNanos - byNanos;
  }

  /**
   * When the next {@link #takeDue} with {@code gatherNanos} takes something: at once for an urgent
   * item, else once the oldest is that much overdue; Long.MAX_VALUE when none is held.
   */
  long nextDueNanos(long gatherNanos) {
    if (!urgent.isEmpty()) {
      return urgent.peekFirst().dueNanos();
    }
    T first = due.peekFirst();
    return first == null ? Long.MAX_VALUE : first.dueNanos() + gatherNanos;
  }

  /** How many items are held (settled ones included until they fall due). */
  int size() {
    return due.size() + urgent.size();
  }

  /** Puts items taken by {@link #takeDue} back, ahead of the rest, with their views. */
  void restore(List<T> items, java.util.function.Predicate<T> unsettled) {
    for (int i = items.size() - 1; i >= 0; i--) {
      T item = items.get(i);
      due.addFirst(item);
      if (unsettled.test(item)) {
        byOwner.computeIfAbsent(item.owner(), o -> new TreeMap<>()).put(item.key(), item);
      }
    }
  }
}
