package dev.parley.server.store;

/**
 * Bounds on the offline queue of one recipient: in all, and for each sender's share of it, so one
 * sender cannot fill a recipient's queue for everyone else.
 *
 * @param recipientMessages most undelivered messages per recipient
 * @param recipientBytes most undelivered envelope bytes per recipient
 * @param senderMessages most undelivered messages one sender may have queued for one recipient
 * @param senderBytes most undelivered envelope bytes one sender may have queued for one recipient
 */
public record QueueLimits(
    int recipientMessages, long recipientBytes, int senderMessages, long senderBytes) {

  /** Checks that every bound is positive. */
  public QueueLimits {
    if (recipientMessages < 1 || recipientBytes < 1 || senderMessages < 1 || senderBytes < 1) {
      throw new IllegalArgumentException("queue limits must be positive");
    }
  }
}
