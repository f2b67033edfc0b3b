package dev.parley.server.store;

import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * The writer thread's queue of work: any thread adds without a lock, the writer alone takes, and
 * only a writer that found it empty is woken. A {@link java.util.concurrent.LinkedBlockingQueue}
 * took a lock on every add and every drain, which the network threads and the writer contended for
 * on every request of the relay.
 */
final class WriterQueue<T> {
  private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
  // Its length (ConcurrentLinkedQueue.size() walks the whole queue) and its items' bytes.
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final ToIntFunction<T> weight;
  // The consumer while it waits for an item, else null.
  private volatile Thread sleeper;

  /** A queue whose items each carry {@code weight} bytes. */
  WriterQueue(ToIntFunction<T> weight) {
    this.weight = weight;
  }

  /** Adds {@code item}; any thread. */
  void add(T item) {
    size.incrementAndGet();
    bytes.addAndGet(weight.applyAsInt(item));
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
    T item = take();
    if (item != null || nanos <= 0) {
      return item;
    }
    long deadline = System.nanoTime() + nanos;
    // Set before looking again: an add after that look sees the sleeper and unparks it, and an
    // unpark before the park lets the park return at once.
    sleeper = Thread.currentThread();
    try {
      while ((item = take()) == null) {
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
      T item = take();
      if (item == null) {
        return;
      }
      into.add(item);
    }
  }

  private T take() {
    T item = items.poll();
    if (item != null) {
      size.decrementAndGet();
      bytes.addAndGet(-weight.applyAsInt(item));
    }
    return item;
  }

  /** How many items wait; any thread (a moment's count, as the threads add and take). */
  int size() {
    return size.get();
  }

  /** The bytes the waiting items carry; any thread. */
  long bytes() {
    return bytes.get();
  }
}
