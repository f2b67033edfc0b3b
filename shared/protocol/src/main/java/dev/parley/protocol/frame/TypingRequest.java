package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

/**
 * An ephemeral opaque notice for an online user.
 *
 * @param id request id
 * @param to the recipient, canonicalised
 * @param envelope the opaque payload, 1 to {@link Limits#MAX_TYPING_BYTES} bytes (more is {@code
 *     too_large}); not copied
 */
public record TypingRequest(String id, String to, byte[] envelope) implements Request {
  /** Checks the fields in wire order and canonicalises the recipient. */
  public TypingRequest {
    id = Checks.id(id);
    try {
      to = FieldRules.requestedUser("to", to);
      FieldRules.maxBytes("envelope", envelope, Limits.MAX_TYPING_BYTES);
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }

  @Override
  public String type() {
    return FrameType.TYPING;
  }
}
