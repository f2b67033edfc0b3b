package dev.parley.server.relay;

import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import java.util.concurrent.CompletableFuture;

/**
 * A sent message the relay holds in memory until its window closes: delivered at once if its
 * recipient is online; written at the window's end unless acknowledged before ({@link #settled}:
 * then only its (sender, msgId) pair is written, within a tenth of the window). Writer thread only,
 * except {@link #accepted}.
 */
final class PendingMessage extends Unstored.Item {
  final QueuedMessage message;
  final int size;

  /**
   * Completes with the time it was accepted once it is durable or acknowledged by its recipient.
   */
  final CompletableFuture<Long> accepted = new CompletableFuture<>();

  /** True when the sender's answer may carry the receipt (its connection speaks version 2). */
  final boolean receiptInOk;

  /** The receipt made before {@link #accepted} completed, for the sender's answer; or null. */
  Receipt answeredReceipt;

  PendingMessage(QueuedMessage message, long dueNanos, boolean receiptInOk) {
    super(dueNanos);
    this.message = message;
    this.size = message.envelope().length;
    this.receiptInOk = receiptInOk;
  }

  @Override
  String owner() {
    return message.recipient();
  }

  @Override
  long key() {
    return message.seq();
  }
}
