package dev.parley.bench.load;

import java.util.function.IntConsumer;

/**
 * One sender's flow control: messages 0 … limit-1 go out in order with at most {@code window} not
 * yet acknowledged by the server. Thread-safe; {@code transmit} is called outside the lock.
 */
final class SendWindow {
  private final int limit;
  private final int window;
  private final IntConsumer transmit;
  private int next;
  private int inFlight;
  private int acknowledged;
  private int refused;
  private boolean stopped;
  private boolean paced;

  SendWindow(int limit, int window, IntConsumer transmit) {
    this.limit = limit;
    this.window = window;
    this.transmit = transmit;
  }

  /**
   * Sends the first message; the rest of the window opens as acknowledgements arrive. That way
   * every later send happens on the one thread that hears the acknowledgements (the connection's
   * network thread), so messages leave in order: had the caller's thread filled the window while
   * the network thread was already sending more, two sends could overtake each other on the way to
   * the socket.
   */
  void start() {
    if (!isPaced()) {
      sendUpTo(1);
    }
  }

  /** The server acknowledged one message (it is durable). */
  void acknowledged() {
    synchronized (this) {
      inFlight--;
      acknowledged++;
    }
    pump();
  }

  /** The server refused one message for good. */
  void refused() {
    synchronized (this) {
      inFlight--;
      refused++;
    }
    pump();
  }

  /**
   * From now on only {@link #sendUpTo} sends (a {@link Pacer}'s one thread), not {@link #start} or
   * the acknowledgements.
   */
  synchronized void pace() {
    paced = true;
  }

  /** Sends, in order, while fewer than {@code total} messages have gone and the window has room. */
  void sendUpTo(long total) {
    while (true) {
      int seq;
      synchronized (this) {
        if (stopped || inFlight >= window || next >= limit || next >= total) {
          return;
        }
        seq = next++;
        inFlight++;
      }
      transmit.accept(seq);
    }
  }

  /** Sends nothing more (messages in flight still count). */
  synchronized void stop() {
    stopped = true;
  }

  /** True when nothing is in flight and nothing more will be sent. */
  synchronized boolean finished() {
    return inFlight == 0 && (stopped || next == limit);
  }

  synchronized int acknowledgedCount() {
    return acknowledged;
  }

  synchronized int refusedCount() {
    return refused;
  }

  private void pump() {
    if (!isPaced()) {
      sendUpTo(Long.MAX_VALUE);
    }
  }

  private synchronized boolean isPaced() {
    return paced;
  }
}
