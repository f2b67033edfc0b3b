package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;

/**
 * Few one-time prekeys remain on the server (fewer than {@link
 * dev.parley.protocol.Limits#KEYS_LOW_THRESHOLD}).
 *
 * @param remaining how many remain
 */
public record KeysLowEvent(int remaining) implements Event {
  /** Checks the count. */
  public KeysLowEvent {
    Checks.check(
        () -> {
          FieldRules.range("remaining", remaining, 0, Integer.MAX_VALUE);
        });
  }

  @Override
  public String type() {
    return FrameType.KEYS_LOW;
  }
}
