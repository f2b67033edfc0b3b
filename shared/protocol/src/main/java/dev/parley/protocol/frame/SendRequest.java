package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

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
    try {
      to = FieldRules.requestedUser("to", to);
      FieldRules.msgId("msgId", msgId);
      FieldRules.maxBytes("envelope", envelope, Limits.MAX_ENVELOPE_BYTES);
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }

  @Override
  public String type() {
    return FrameType.SEND;
  }
}
