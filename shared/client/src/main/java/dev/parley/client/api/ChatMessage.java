package dev.parley.client.api;

/**
 * One entry of a conversation.
 *
 * @param localId this device's id for it (grows with time; use it to page history)
 * @param peer the contact the conversation is with
 * @param msgId the id shared by both devices
 * @param outgoing true when this user wrote it
 * @param kind {@link Kind#TEXT} or a notice such as an identity change
 * @param text the text (or the notice's wording)
 * @param sentAt when it was written, milliseconds since the epoch
 * @param state delivery state
 */
public record ChatMessage(
    long localId,
    String peer,
    String msgId,
    boolean outgoing,
    Kind kind,
    String text,
    long sentAt,
    DeliveryState state) {

  /** What an entry is. */
  public enum Kind {
    /** A message a person wrote. */
    TEXT,
    /** The contact's safety number changed (new device or re-installed). */
    IDENTITY_CHANGED,
    /** A message arrived that could not be decrypted. */
    UNDECRYPTABLE
  }
}
