package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

/**
 * A typing notice relayed from another user.
 *
 * @param from the sender, canonical
 * @param envelope the opaque payload, 1 to {@link Limits#CLIENT_MAX_TYPING_ENVELOPE_BYTES} bytes;
 *     not copied
 */
public record TypingEvent(String from, byte[] envelope) implements Event {
  /** Checks the fields in wire order. */
  public TypingEvent {
    try {
      FieldRules.serverUser("from", from);
      FieldRules.maxBytes("envelope", envelope, Limits.CLIENT_MAX_TYPING_ENVELOPE_BYTES);
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }

  @Override
  public String type() {
    return FrameType.TYPING;
  }
}
