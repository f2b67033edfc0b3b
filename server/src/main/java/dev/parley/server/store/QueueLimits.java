package dev.parley.server.store;

/**
 * Bounds on the offline queue of one recipient: in all, for each sender's share of it, so one
 * sender cannot fill a recipient's queue for everyone else, and for all the senders the recipient
 * has not added as contacts together, so that any number of strangers cannot fill it for the
 * recipient's contacts.
 *
 * @param recipientMessages most undelivered messages per recipient
 * @param recipientBytes most undelivered envelope bytes per recipient
 * @param senderMessages most undelivered messages one sender may have queued for one recipient
 * @param senderBytes most undelivered envelope bytes one sender may have queued for one recipient
 * @param strangerMessages most undelivered messages of all non-contacts of one recipient together
 * @param strangerBytes most undelivered envelope bytes of all non-contacts of one recipient
 *     together
 */
public record QueueLimits(
    int recipientMessages,
    long recipientBytes,
    int senderMessages,
    long senderBytes,
    int strangerMessages,
    long strangerBytes) {

  /** Checks that every bound is positive and the strangers' pool lies within the queue. */
  public QueueLimits {
    if (recipientMessages < 1 || recipientBytes < 1 || senderMessages < 1 || senderBytes < 1) {
      throw new IllegalArgumentException("queue limits must be positive");
    }
    if (strangerMessages < 1
        || strangerMessages > recipientMessages
        || strangerBytes < 1
        || strangerBytes > recipientBytes) {
      throw new IllegalArgumentException(
          "the strangers' pool must be positive and within the queue");
    }
  }
}
