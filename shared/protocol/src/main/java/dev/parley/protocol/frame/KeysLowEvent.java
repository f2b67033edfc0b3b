package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.ProtocolException;

/**
 * Few one-time prekeys remain on the server (fewer than {@link
 * dev.parley.protocol.Limits#KEYS_LOW_THRESHOLD}).
 *
 * @param remaining how many remain
 */
public record KeysLowEvent(int remaining) implements Event {
  /** Checks the count. */
  public KeysLowEvent {
    try {
      FieldRules.range("remaining", remaining, 0, Integer.MAX_VALUE);
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }

  @Override
  public String type() {
    return FrameType.KEYS_LOW;
  }
}
