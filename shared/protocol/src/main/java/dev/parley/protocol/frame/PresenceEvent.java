package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.ProtocolException;

/**
 * A mutual contact came online or went offline.
 *
 * @param user the contact, canonical
 * @param online its presence
 */
public record PresenceEvent(String user, boolean online) implements Event {
  /** Checks the name. */
  public PresenceEvent {
    try {
      FieldRules.serverUser("user", user);
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }

  @Override
  public String type() {
    return FrameType.PRESENCE;
  }
}
