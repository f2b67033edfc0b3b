package dev.parley.server.relay;

import dev.parley.server.store.QueuedMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A sent message the relay holds in memory until its window closes: delivered at once if its
 * recipient is online; written at the window's end unless acknowledged before (then only its
 * (sender, msgId) pair is written). Writer thread only, except {@link #accepted}.
 */
final class PendingMessage implements Unstored.Item {
  final QueuedMessage message;
  final int size;
  private final long dueNanos;

  /**
   * Completes with the time it was accepted once it is durable or acknowledged by its recipient.
   */
  final CompletableFuture<Long> accepted = new CompletableFuture<>();

  /** Acknowledged by its recipient (or its recipient's account is gone): nothing to deliver. */
  boolean settled;

  PendingMessage(QueuedMessage message, long dueNanos) {
    this.message = message;
    this.size = message.envelope().length;
    this.dueNanos = dueNanos;
  }

  @Override
  public String owner() {
    return message.recipient();
  }

  @Override
  public long key() {
    return message.seq();
  }

  @Override
  public long dueNanos() {
    return dueNanos;
  }
}
