package dev.parley.server.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Items the relay holds in memory and has not written yet, in two views: in the order they fall due
 * (oldest first), and per owner in key order, for streaming an owner's backlog. Three lines keep
 * the due order: items waiting their window (every one waits the same window, so arrival order is
 * due order), items due at once, and settled items whose write is only their bookkeeping (a
 * message's (sender, msgId) pair), due from the moment they settled. A settled item leaves the
 * window's line at once: waiting out the window would only keep it, and what it references, alive
 * for the window's length, which the collector then copies again and again. Writer thread only.
 */
final class Unstored<T extends Unstored.Item> {
  /**
   * One item: whose it is, its key (sequence number or receipt id), when it falls due, and whether
   * it was settled (acknowledged, or its owner's account is gone) before.
   */
  abstract static class Item {
    // Unstored's own (package access only because a type variable cannot reach private fields).
    long dueNanos;
    Item prev;
    Item next;
    Line<?> line;
    // The owner's view: a line in key order, linked through the items too (a sorted map's entry and
    // boxed key were a fifth of what a message in flight kept alive).
    Item ownerPrev;
    Item ownerNext;
    Owned owned;
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

  /** A first-in first-out line of items, linked through the items so any one leaves in O(1). */
  private static final class Line<T extends Item> {
    private Item head;
    private Item tail;
    private int size;

    void addLast(T item) {
      item.line = this;
      item.prev = tail;
      item.next = null;
      if (tail == null) {
        head = item;
      } else {
        tail.next = item;
      }
      tail = item;
      size++;
    }

    void addFirst(T item) {
      item.line = this;
      item.prev = null;
      item.next = head;
      if (head == null) {
        tail = item;
      } else {
        head.prev = item;
      }
      head = item;
      size++;
    }

    void remove(Item item) {
      if (item.prev == null) {
        head = item.next;
      } else {
        item.prev.next = item.next;
      }
      if (item.next == null) {
        tail = item.prev;
      } else {
        item.next.prev = item.prev;
      }
      item.prev = null;
      item.next = null;
      item.line = null;
      size--;
    }

    @SuppressWarnings("unchecked")
    T peekFirst() {
      return (T) head;
    }

    T pollFirst() {
      T first = peekFirst();
      if (first != null) {
        remove(first);
      }
      return first;
    }

    boolean isEmpty() {
      return head == null;
    }
  }

  /**
   * One owner's unsettled items in key order, linked through the items. Keys come in increasing
   * order (sequence numbers and receipt ids are handed out that way), so an item joins at the end;
   * only one put back after a failed write searches for its place.
   */
  private static final class Owned {
    private Item head;
    private Item tail;

    void add(Item item) {
      Item after = tail;
      // A batch put back comes newest first, each ahead of all the rest: no search for those.
      if (head != null && item.key() < head.key()) {
        after = null;
      }
      while (after != null && after.key() > item.key()) {
        after = after.ownerPrev;
      }
      item.owned = this;
      item.ownerPrev = after;
      item.ownerNext = after == null ? head : after.ownerNext;
      if (item.ownerNext == null) {
        tail = item;
      } else {
        item.ownerNext.ownerPrev = item;
      }
      if (after == null) {
        head = item;
      } else {
        after.ownerNext = item;
      }
    }

    void remove(Item item) {
      if (item.ownerPrev == null) {
        head = item.ownerNext;
      } else {
        item.ownerPrev.ownerNext = item.ownerNext;
      }
      if (item.ownerNext == null) {
        tail = item.ownerPrev;
      } else {
        item.ownerNext.ownerPrev = item.ownerPrev;
      }
      item.ownerPrev = null;
      item.ownerNext = null;
      item.owned = null;
    }

    /**
     * The first item with a key above {@code after}, or null: searched from both ends at once, so
     * it costs the shorter of the two parts (a backlog streamed page by page finds each page's
     * start from the end, a few delivered but unacknowledged items are skipped from the start).
     */
    Item firstAfter(long after) {
      Item front = head;
      Item back = tail;
      while (front != null) {
        if (front.key() > after) {
          return front;
        }
        if (back.key() <= after) {
          return back.ownerNext;
        }
        front = front.ownerNext;
        back = back.ownerPrev;
      }
      return null;
    }

    boolean isEmpty() {
      return head == null;
    }
  }

  private final Line<T> waiting = new Line<>();
  // Items due at once (nothing will settle them early): their own order, ahead of the window's.
  private final Line<T> urgent = new Line<>();
  // Settled items that still need their bookkeeping written, in the order they settled.
  private final Line<T> settled = new Line<>();
  private final Map<String, Owned> byOwner = new HashMap<>();

  /**
   * Holds {@code item}: an {@code urgent} one is due at once, any other after every non-urgent item
   * held before it.
   */
  void add(T item, boolean urgent) {
    (urgent ? this.urgent : waiting).addLast(item);
    joinOwner(item);
  }

  private void joinOwner(T item) {
    byOwner.computeIfAbsent(item.owner(), o -> new Owned()).add(item);
  }

  /**
   * Takes {@code item} out of its owner's view and out of the window: what it still needs written
   * is due from {@code nowNanos}, gathered with the next write.
   */
  void settle(T item, long nowNanos) {
    leaveOwner(item);
    if (item.line != null) {
      item.line.remove(item);
      item.dueNanos = nowNanos;
      settled.addLast(item);
    }
  }

  /** Forgets {@code item}: it needs nothing written. */
  void drop(T item) {
    leaveOwner(item);
    if (item.line != null) {
      item.line.remove(item);
    }
  }

  private void leaveOwner(T item) {
    Owned mine = item.owned;
    if (mine != null) {
      mine.remove(item);
      if (mine.isEmpty()) {
        byOwner.remove(item.owner());
      }
    }
  }

  /** Up to {@code limit} of {@code owner}'s unsettled items with a key above {@code after}. */
  @SuppressWarnings("unchecked")
  List<T> after(String owner, long after, int limit) {
    Owned mine = byOwner.get(owner);
    if (mine == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (Item i = mine.firstAfter(after); i != null && out.size() < limit; i = i.ownerNext) {
      out.add((T) i);
    }
    return out;
  }

  /** {@code owner}'s unsettled items, in key order. */
  List<T> of(String owner) {
    return after(owner, Long.MIN_VALUE, Integer.MAX_VALUE);
  }

  /**
   * The items due at {@code nowNanos}, and at least the oldest {@code atLeast}, but never more than
   * {@code most}, taken out, oldest first. Items due later than at once are taken only once the
   * oldest is {@code gatherNanos} overdue (or something else is taken anyway): a trickle of items
   * each falling due on its own would otherwise cost a commit each (what a take had to leave
   * because of {@code most} waits the same way: commits back to back measured a worse p99). At
   * {@code nowNanos == Long.MAX_VALUE} (the writer's last batch) everything is taken, whatever
   * {@code most} says.
   */
  List<T> takeDue(long nowNanos, int atLeast, long gatherNanos, int most) {
    int limit = nowNanos == Long.MAX_VALUE ? Integer.MAX_VALUE : most;
    List<T> out = new ArrayList<>(Math.min(limit, urgent.size));
    while (!urgent.isEmpty() && out.size() < limit) {
      T item = urgent.pollFirst();
      leaveOwner(item);
      out.add(item);
    }
    T oldest = oldest();
    boolean gathered = !out.isEmpty() || atLeast > 0 || overdue(oldest, nowNanos, gatherNanos);
    for (T item = oldest;
        gathered
            && item != null
            && out.size() < limit
            && (item.dueNanos() <= nowNanos || out.size() < atLeast); ) {
      item.line.remove(item);
      leaveOwner(item);
      out.add(item);
      item = oldest();
    }
    return out;
  }

  /** The first of the window's line and the settled line to fall due, or null. */
  private T oldest() {
    T w = waiting.peekFirst();
    T s = settled.peekFirst();
    if (w == null || s == null) {
      return w == null ? s : w;
    }
    return s.dueNanos() < w.dueNanos() ? s : w;
  }

  private static boolean overdue(Item item, long nowNanos, long byNanos) {
    // Long.MAX_VALUE is "now and for ever" (the writer's last batch): no sum may wrap past it.
    return item != null && (nowNanos == Long.MAX_VALUE || item.dueNanos() <= nowNanos - byNanos);
  }

  /**
   * When the next {@link #takeDue} with {@code gatherNanos} takes something: at once for an urgent
   * item, else once the oldest is that much overdue; Long.MAX_VALUE when none is held.
   */
  long nextDueNanos(long gatherNanos) {
    if (!urgent.isEmpty()) {
      return urgent.peekFirst().dueNanos();
    }
    T first = oldest();
    return first == null ? Long.MAX_VALUE : first.dueNanos() + gatherNanos;
  }

  /** How many items are held (settled ones included until their write is taken). */
  int size() {
    return waiting.size + urgent.size + settled.size;
  }

  /**
   * Puts items taken by {@link #takeDue} back, ahead of the rest, with their views: the settled
   * ones in the settled line, the others in the window's.
   */
  void restore(List<T> items, java.util.function.Predicate<T> unsettled) {
    for (int i = items.size() - 1; i >= 0; i--) {
      T item = items.get(i);
      if (unsettled.test(item)) {
        waiting.addFirst(item);
        joinOwner(item);
      } else {
        settled.addFirst(item);
      }
    }
  }
}
