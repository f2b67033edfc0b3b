package dev.parley.server.accounts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue whose items are filed under a path of keys of fixed length (for the hashing pool: the
 * network, the address, the account) and taken out round robin at every level: each key with work
 * gets one turn per round among its siblings, however much it has queued. So the wait of an item is
 * bounded by the number of keys with work, not by the work they queued. When the queue is full a
 * newcomer may take the place of the newest item of the largest group instead of being refused
 * ({@link #dropFor}), so a flood fills only its own share. Not thread-safe.
 */
final class FairQueue<T> {
  private static final class Node<T> {
    final String key;
    final Map<String, Node<T>> children = new HashMap<>();
    // Children with work, in the order of their next turn; empty children are removed.
    final ArrayDeque<Node<T>> turns = new ArrayDeque<>();
    final ArrayDeque<T> items = new ArrayDeque<>(); // only at the last level
    int size;

    Node(String key) {
      this.key = key;
    }
  }

  private final int depth;
  private final Node<T> root = new Node<>(null);

  /** A queue whose paths have {@code depth} keys. */
  FairQueue(int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be positive");
    }
    this.depth = depth;
  }

  /** Items queued. */
  int size() {
    return root.size;
  }

  boolean isEmpty() {
    return root.size == 0;
  }

  /** Queues {@code item} under {@code path}; a new key takes its first turn after the others. */
  void add(List<String> path, T item) {
    check(path);
    Node<T> n = root;
    n.size++;
    for (String key : path) {
      Node<T> child = n.children.get(key);
      if (child == null) {
        child = new Node<>(key);
        n.children.put(key, child);
        n.turns.addLast(child);
      }
      child.size++;
      n = child;
    }
    n.items.addLast(item);
  }

  /** The next item in round-robin order at every level, or null when empty. */
  T poll() {
    return root.size == 0 ? null : take(root, 0);
  }

  private T take(Node<T> n, int level) {
    n.size--;
    if (level == depth) {
      return n.items.pollFirst();
    }
    Node<T> child = n.turns.pollFirst();
    T item = take(child, level + 1);
    if (child.size > 0) {
      n.turns.addLast(child);
    } else {
      n.children.remove(child.key);
    }
    return item;
  }

  /**
   * Makes room for an item under {@code path} in a full queue: at the first level where the path's
   * group is not the largest, removes and returns the newest item of the largest group there
   * (descending into the largest group at each level below). Returns null when the path's group is
   * among the largest at every level: then the newcomer itself is the one to refuse.
   */
  T dropFor(List<String> path) {
    check(path);
    List<Node<T>> chain = new ArrayList<>(depth + 1);
    chain.add(root);
    Node<T> n = root;
    boolean diverged = false;
    for (int level = 0; level < depth; level++) {
      Node<T> largest = largestChild(n);
      if (largest == null) {
        return null;
      }
      if (!diverged) {
        Node<T> mine = n.children.get(path.get(level));
        int mineSize = mine == null ? 0 : mine.size;
        if (largest != mine) {
          if (largest.size <= mineSize) {
            return null; // the newcomer's group is as large as any here
          }
          diverged = true;
        }
      }
      chain.add(largest);
      n = largest;
    }
    if (!diverged) {
      return null;
    }
    T dropped = n.items.pollLast();
    for (int level = depth; level >= 0; level--) {
      Node<T> node = chain.get(level);
      node.size--;
      if (level > 0 && node.size == 0) {
        Node<T> parent = chain.get(level - 1);
        parent.children.remove(node.key);
        parent.turns.remove(node);
      }
    }
    return dropped;
  }

  private static <T> Node<T> largestChild(Node<T> n) {
    Node<T> best = null;
    for (Node<T> c : n.children.values()) {
      if (best == null || c.size > best.size) {
        best = c;
      }
    }
    return best;
  }

  /** Every item, emptying the queue. */
  List<T> drain() {
    List<T> all = new ArrayList<>(root.size);
    T t;
    while ((t = poll()) != null) {
      all.add(t);
    }
    return all;
  }

  private void check(List<String> path) {
    if (path.size() != depth) {
      throw new IllegalArgumentException("a path of " + depth + " keys, got " + path);
    }
  }
}
