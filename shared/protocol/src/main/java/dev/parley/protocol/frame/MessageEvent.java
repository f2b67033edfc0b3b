package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import java.util.Arrays;
import java.util.Objects;

/**
 * An envelope for this user.
 *
 * @param from the sender, canonical
 * @param msgId the sender's id of the message, 1–64 characters
 * @param envelope the opaque envelope, 1 to {@link Limits#CLIENT_MAX_MESSAGE_ENVELOPE_BYTES} bytes;
 *     not copied
 * @param sentAt when the server accepted it (ms since the epoch)
 */
public record MessageEvent(String from, String msgId, byte[] envelope, long sentAt)
    implements Event {
  /** Checks the fields in the order the client has always read them. */
  public MessageEvent {
    Checks.check(
        () -> {
          FieldRules.serverUser("from", from);
          FieldRules.text("msgId", msgId, Limits.MAX_MSG_ID_CHARS);
          FieldRules.range("sentAt", sentAt, 0, Long.MAX_VALUE);
          FieldRules.maxBytes("envelope", envelope, Limits.CLIENT_MAX_MESSAGE_ENVELOPE_BYTES);
        });
  }

  @Override
  public String type() {
    return FrameType.MESSAGE;
  }

  /** Equal when every field is, the bytes compared by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof MessageEvent o
        && Objects.equals(from, o.from)
        && Objects.equals(msgId, o.msgId)
        && Arrays.equals(envelope, o.envelope)
        && sentAt == o.sentAt;
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, msgId, Arrays.hashCode(envelope), sentAt);
  }

  /** The fields, with the length of each byte array rather than its contents. */
  @Override
  public String toString() {
    return "MessageEvent[from="
        + from
        + ", msgId="
        + msgId
        + ", envelope="
        + envelope.length
        + " bytes, sentAt="
        + sentAt
        + "]";
  }
}
