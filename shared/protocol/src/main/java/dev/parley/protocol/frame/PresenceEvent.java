package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;

/**
 * A mutual contact came online or went offline.
 *
 * @param user the contact, canonical
 * @param online its presence
 */
public record PresenceEvent(String user, boolean online) implements Event {
  /** Checks the name. */
  public PresenceEvent {
    Checks.check(
        () -> {
          FieldRules.serverUser("user", user);
        });
  }

  @Override
  public String type() {
    return FrameType.PRESENCE;
  }
}
