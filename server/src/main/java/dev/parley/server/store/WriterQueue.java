package dev.parley.server.store;

import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The writer thread's queue of work: any thread adds without a lock, the writer alone takes, and
 * only a writer that found it empty is woken. A {@link java.util.concurrent.LinkedBlockingQueue}
 * took a lock on every add and every drain, which the network threads and the writer contended for
 * on every request of the relay.
 */
final class WriterQueue<T> {
  private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
  // The consumer while it waits for an item, else null.
  private volatile Thread sleeper;

  /** Adds {@code item}; any thread. */
  void add(T item) {
    items.add(item);
    Thread s = sleeper;
    if (s != null) {
      LockSupport.unpark(s);
    }
  }

  /**
   * The consumer's next item, waiting at most {@code nanos} for one ({@link Long#MAX_VALUE}: for as
   * long as it takes); null when none came in time.
   */
  T poll(long nanos) throws InterruptedException {
    T item = items.poll();
    if (item != null || nanos <= 0) {
      return item;
    }
    long deadline = System.nanoTime() + nanos;
    // Set before looking again: an add after that look sees the sleeper and unparks it, and an
    // unpark before the park lets the park return at once.
    sleeper = Thread.currentThread();
    try {
      while ((item = items.poll()) == null) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        if (nanos == Long.MAX_VALUE) {
          LockSupport.park(this);
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return null;
          }
          LockSupport.parkNanos(this, left);
        }
      }
      return item;
    } finally {
      sleeper = null;
    }
  }

  /** Moves up to {@code max} items into {@code into}; the consumer. */
  void drainTo(Collection<? super T> into, int max) {
    for (int n = 0; n < max; n++) {
      T item = items.poll();
      if (item == null) {
        return;
      }
      into.add(item);
    }
  }
}
