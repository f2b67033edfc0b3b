package dev.parley.client.api;

/**
 * Where a message stands, from the sender's side; incoming messages are {@link #RECEIVED}.
 *
 * <p>The order matters: a message only ever moves to a later state ({@code HistoryStore.advance}),
 * so {@link #FAILED} comes last. It is set only from {@link #SENDING} (by {@code
 * HistoryStore.fail}), and nothing moves a failed message on.
 */
public enum DeliveryState {
  /** Written, not yet confirmed stored by the server (possibly waiting for a connection). */
  SENDING,
  /** The server stored it. */
  SENT,
  /** The recipient's device has it. */
  DELIVERED,
  /** The recipient opened the conversation. */
  READ,
  /** A message this user received. */
  RECEIVED,
  /**
   * It can never be sent: the server refused it for good (no such user, too large, malformed) or
   * the recipient's published keys are invalid. It is not retried.
   */
  FAILED
}
