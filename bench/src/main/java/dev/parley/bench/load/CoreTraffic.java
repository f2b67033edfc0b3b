package dev.parley.bench.load;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.DeliveryState;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one client-core account hears of the generator's texts: those from its partner (into a
 * {@link DeliveryTracker}), its own ones the server acknowledged, and its own ones the partner's
 * device took (a {@code delivered} receipt: the server deleted them on the partner's {@code ack}).
 * Each text carries its sequence number and send time ({@link #text}).
 */
final class CoreTraffic implements ClientListener {
  private final String partner;
  private final DeliveryTracker received;
  private final Runnable onAcknowledged;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong problems = new AtomicLong();
  private final AtomicReference<String> firstProblem = new AtomicReference<>();
  private volatile long lastAcknowledgedNanos;
  private volatile long lastDeliveredNanos;
  private volatile long sessionNanos;

  /**
   * Listens for {@code partner}'s texts into {@code received}; {@code onAcknowledged} runs once per
   * own text the server acknowledged (on the client's event thread).
   */
  CoreTraffic(String partner, DeliveryTracker received, Runnable onAcknowledged) {
    this.partner = partner;
    this.received = received;
    this.onAcknowledged = onAcknowledged;
  }

  /** Text number {@code seq}: the sequence number, the send time (nanoTime), then padding. */
  static String text(int seq, String padding) {
    return seq + " " + System.nanoTime() + " " + padding;
  }

  /** Padding that brings a {@link #text} to about {@code size} bytes. */
  static String padding(int size) {
    return "x".repeat(Math.max(0, size - 32));
  }

  @Override
  public void messageAdded(ChatMessage m) {
    if (!m.outgoing() && m.kind() == ChatMessage.Kind.TEXT && m.peer().equals(partner)) {
      String[] parts = m.text().split(" ", 3);
      received.received(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }
  }

  @Override
  public void messageUpdated(ChatMessage m) {
    if (!m.outgoing() || m.kind() != ChatMessage.Kind.TEXT) {
      return;
    }
    // The server acknowledged it when it first leaves SENDING. That is usually SENT, but after a
    // crash the receipt can overtake the resent message's ok, and the message goes straight to
    // DELIVERED.
    if (m.state() != DeliveryState.SENDING && acknowledged.add(m.msgId())) {
      lastAcknowledgedNanos = System.nanoTime();
      if (m.state() == DeliveryState.FAILED) {
        failed.incrementAndGet();
      }
      onAcknowledged.run();
    }
    if ((m.state() == DeliveryState.DELIVERED || m.state() == DeliveryState.READ)
        && delivered.add(m.msgId())) {
      lastDeliveredNanos = System.nanoTime();
    }
  }

  @Override
  public void sessionChanged(String user) {
    if (user != null) {
      sessionNanos = System.nanoTime();
    }
  }

  @Override
  public void problem(String message) {
    problems.incrementAndGet();
    firstProblem.compareAndSet(null, message);
  }

  /** Own texts the server acknowledged (including any that failed for good). */
  long acknowledged() {
    return acknowledged.size();
  }

  /** Own texts the server refused for good. */
  long failed() {
    return failed.get();
  }

  /** Own texts whose {@code delivered} receipt arrived. */
  long delivered() {
    return delivered.size();
  }

  long lastAcknowledgedNanos() {
    return lastAcknowledgedNanos;
  }

  long lastDeliveredNanos() {
    return lastDeliveredNanos;
  }

  /** When the last login was accepted (nanoTime), or 0. */
  long sessionNanos() {
    return sessionNanos;
  }

  /** Problems the client reported (e.g. a send the server refused for now). */
  long problems() {
    return problems.get();
  }

  /** The first problem reported, or null. */
  String firstProblem() {
    return firstProblem.get();
  }
}
