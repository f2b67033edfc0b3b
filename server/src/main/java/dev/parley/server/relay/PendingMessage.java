package dev.parley.server.relay;

import dev.parley.server.store.EnqueueResult;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import java.util.concurrent.CompletableFuture;

/**
 * A sent message the relay holds in memory until its window closes: delivered at once if its
 * recipient is online; written at the window's end unless acknowledged before ({@link #settled}:
 * then only its (sender, msgId) pair is written, within a tenth of the window). Writer thread only,
 * except {@link #answer}.
 */
final class PendingMessage extends Unstored.Item {
  final QueuedMessage message;
  final SendKey key;
  final int size;

  /**
   * The sender's answer, completed once the message is durable or acknowledged by its recipient. It
   * is the future the sender's request waits on, not one derived from it: a message in flight kept
   * a chain of five futures and their stages alive, a third of what it held.
   */
  final CompletableFuture<EnqueueResult> answer;

  /** True when the sender's answer may carry the receipt (its connection speaks version 2). */
  final boolean receiptInOk;

  /** The receipt made before {@link #answer} completed, for the sender's answer; or null. */
  Receipt answeredReceipt;

  PendingMessage(
      QueuedMessage message,
      SendKey key,
      long dueNanos,
      boolean receiptInOk,
      CompletableFuture<EnqueueResult> answer) {
    super(dueNanos);
    this.message = message;
    this.key = key;
    this.size = message.envelope().length;
    this.receiptInOk = receiptInOk;
    this.answer = answer;
  }

  /** Answers the sender (once; later calls do nothing): the message is durable or acknowledged. */
  void accept() {
    if (!answer.isDone()) {
      answer.complete(new EnqueueResult(message, message.sentAt(), answeredReceipt));
    }
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
