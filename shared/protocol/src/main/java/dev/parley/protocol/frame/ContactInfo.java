package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.ProtocolException;

/**
 * A contact as the server answers it.
 *
 * @param user the contact's canonical name
 * @param online its presence (always false unless {@code mutual})
 * @param mutual whether it has this user as a contact too
 */
public record ContactInfo(String user, boolean online, boolean mutual) {
  /** Checks the name. */
  public ContactInfo {
    try {
      FieldRules.serverUser("user", user);
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }
}
