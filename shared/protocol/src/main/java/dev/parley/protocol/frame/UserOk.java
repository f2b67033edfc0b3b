package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;

/**
 * The {@code ok} to a {@code register} or {@code login}: the session's user.
 *
 * @param re the request's id
 * @param user the canonical name of the logged-in account
 */
public record UserOk(String re, String user) implements Answer {
  /** Checks the fields. */
  public UserOk {
    re = Checks.id(re);
    Checks.check(
        () -> {
          FieldRules.serverUser("user", user);
        });
  }

  @Override
  public String type() {
    return FrameType.OK;
  }
}
