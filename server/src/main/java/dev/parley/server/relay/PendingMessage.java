package dev.parley.server.relay;

import dev.parley.server.store.EnqueueResult;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import java.util.ArrayList;
import java.util.List;
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

  // Writer thread: accept() has run.
  private boolean accepted;

  // Retries of this send while it is held, answered with it (rare: null until one comes). Not
  // chained onto answer, which a failed commit may have failed while this stays held.
  private List<Retry> retries;

  private record Retry(CompletableFuture<EnqueueResult> answer, boolean receiptInOk) {}

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
    accepted = true;
    if (!answer.isDone()) {
      answer.complete(new EnqueueResult(message, message.sentAt(), answeredReceipt));
    }
    if (retries != null) {
      retries.forEach(this::answerRetry);
      retries = null;
    }
  }

  /**
   * Answers a retry of this send as a duplicate of it, now if it was accepted, else when it is (its
   * first answer may be what was lost, or a failed commit may have failed it).
   */
  void retried(CompletableFuture<EnqueueResult> retry, boolean retryReceiptInOk) {
    Retry r = new Retry(retry, retryReceiptInOk);
    if (accepted) {
      answerRetry(r);
      return;
    }
    if (retries == null) {
      retries = new ArrayList<>(1);
    }
    retries.add(r);
  }

  private void answerRetry(Retry r) {
    r.answer()
        .complete(
            new EnqueueResult(null, message.sentAt(), r.receiptInOk() ? answeredReceipt : null));
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
