package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import java.util.Arrays;
import java.util.Objects;

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
    to = Checks.requestedUser("to", to);
    Checks.check(
        () -> {
          FieldRules.maxBytes("envelope", envelope, Limits.MAX_TYPING_BYTES);
        });
  }

  @Override
  public String type() {
    return FrameType.TYPING;
  }

  /** Equal when every field is, the bytes compared by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TypingRequest o
        && Objects.equals(id, o.id)
        && Objects.equals(to, o.to)
        && Arrays.equals(envelope, o.envelope);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, to, Arrays.hashCode(envelope));
  }

  /** The fields, with the length of each byte array rather than its contents. */
  @Override
  public String toString() {
    return "TypingRequest[id=" + id + ", to=" + to + ", envelope=" + envelope.length + " bytes]";
  }
}
