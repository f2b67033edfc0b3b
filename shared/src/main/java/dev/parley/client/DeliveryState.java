package dev.parley.client;

/** Where a message stands, from the sender's side; incoming messages are {@link #RECEIVED}. */
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
  RECEIVED
}
