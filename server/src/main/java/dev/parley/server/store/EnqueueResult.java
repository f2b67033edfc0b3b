package dev.parley.server.store;

/**
 * The outcome of storing a sent envelope.
 *
 * @param message the stored message, or null when it was a duplicate of one already accepted
 * @param sentAt the server time the original was accepted
 * @param receipt the message's receipt for its sender's answer (protocol version 2), or null
 */
public record EnqueueResult(QueuedMessage message, long sentAt, Receipt receipt) {
  /** True when the (sender, msgId) pair had been accepted before; nothing new is delivered. */
  public boolean duplicate() {
    return message == null;
  }
}
