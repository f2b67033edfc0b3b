package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import java.util.Arrays;
import java.util.Objects;

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
    Checks.check(
        () -> {
          FieldRules.serverUser("from", from);
          FieldRules.maxBytes("envelope", envelope, Limits.CLIENT_MAX_TYPING_ENVELOPE_BYTES);
        });
  }

  @Override
  public String type() {
    return FrameType.TYPING;
  }

  /** Equal when every field is, the bytes compared by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TypingEvent o
        && Objects.equals(from, o.from)
        && Arrays.equals(envelope, o.envelope);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, Arrays.hashCode(envelope));
  }

  /** The fields, with the length of each byte array rather than its contents. */
  @Override
  public String toString() {
    return "TypingEvent[from=" + from + ", envelope=" + envelope.length + " bytes]";
  }
}
