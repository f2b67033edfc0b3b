package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;

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
    Checks.check(
        () -> {
          FieldRules.serverUser("user", user);
        });
  }
}
