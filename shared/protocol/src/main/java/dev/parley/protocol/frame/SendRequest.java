package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import java.util.Arrays;
import java.util.Objects;

/**
 * Relays an envelope. Sending to oneself is the server's {@code bad_request}, checked after these.
 *
 * @param id request id
 * @param to the recipient, canonicalised ({@code unknown_user} when it breaks the username rules)
 * @param msgId the sender's id of the message: 1–64 characters of {@code A-Z a-z 0-9 _ -}
 * @param envelope the opaque envelope, 1 to {@link Limits#MAX_ENVELOPE_BYTES} bytes (more is {@code
 *     too_large}); not copied
 */
public record SendRequest(String id, String to, String msgId, byte[] envelope) implements Request {
  /** Checks the fields in wire order and canonicalises the recipient. */
  public SendRequest {
    id = Checks.id(id);
    to = Checks.requestedUser("to", to);
    Checks.check(
        () -> {
          FieldRules.msgId("msgId", msgId);
          FieldRules.maxBytes("envelope", envelope, Limits.MAX_ENVELOPE_BYTES);
        });
  }

  @Override
  public String type() {
    return FrameType.SEND;
  }

  /** Equal when every field is, the bytes compared by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SendRequest o
        && Objects.equals(id, o.id)
        && Objects.equals(to, o.to)
        && Objects.equals(msgId, o.msgId)
        && Arrays.equals(envelope, o.envelope);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, to, msgId, Arrays.hashCode(envelope));
  }

  /** The fields, with the length of each byte array rather than its contents. */
  @Override
  public String toString() {
    return "SendRequest[id="
        + id
        + ", to="
        + to
        + ", msgId="
        + msgId
        + ", envelope="
        + envelope.length
        + " bytes]";
  }
}
