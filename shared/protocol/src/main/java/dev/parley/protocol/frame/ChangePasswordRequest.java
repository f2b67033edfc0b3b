package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

/**
 * Changes the logged-in account's secret: {@code oldAuthKey} and {@code newAuthKey}, or (legacy)
 * {@code oldPassword} and {@code newPassword}. After the session's state, the checks run: {@code
 * bad_request} (an unpaired surrogate, any other combination, a malformed auth key), {@code
 * too_large} (a password over 256 characters), {@code weak_password} for an old password over 72
 * bytes; then the server checks the new password against the policy for the session's name with
 * {@link #checkNewPassword}.
 *
 * @param id request id
 * @param oldPassword the current legacy password, or null
 * @param newPassword the new legacy password, or null
 * @param oldAuthKey the current auth key, or null
 * @param newAuthKey the new auth key, or null
 */
public record ChangePasswordRequest(
    String id, String oldPassword, String newPassword, String oldAuthKey, String newAuthKey)
    implements Request {
  /** Checks the fields in the order above. */
  public ChangePasswordRequest {
    id = Checks.id(id);
    Checks.check(
        () -> {
          FieldRules.wellFormed("oldPassword", oldPassword);
          FieldRules.wellFormed("newPassword", newPassword);
          FieldRules.wellFormed("oldAuthKey", oldAuthKey);
          FieldRules.wellFormed("newAuthKey", newAuthKey);
          boolean passwords = oldPassword != null && newPassword != null && oldAuthKey == null;
          boolean keys = oldAuthKey != null && newAuthKey != null && oldPassword == null;
          if ((!passwords && !keys)
              || (passwords && newAuthKey != null)
              || (keys && newPassword != null)) {
            throw ProtocolException.badRequest(
                "change_password takes 'oldAuthKey' and 'newAuthKey', or 'oldPassword' and"
                    + " 'newPassword'.");
          }
          FieldRules.authKey("oldAuthKey", oldAuthKey);
          FieldRules.authKey("newAuthKey", newAuthKey);
          FieldRules.passwordSize("oldPassword", oldPassword);
          FieldRules.passwordSize("newPassword", newPassword);
          FieldRules.bcryptLimit(
              oldPassword,
              "The current password is longer than "
                  + Limits.PASSWORD_MAX_BYTES
                  + " bytes; no account has it.");
        });
  }

  /** True for auth keys, false for legacy passwords. */
  public boolean authKeys() {
    return oldAuthKey != null;
  }

  /** The current secret (auth key or password). */
  public String oldSecret() {
    return authKeys() ? oldAuthKey : oldPassword;
  }

  /** The new secret (auth key or password). */
  public String newSecret() {
    return authKeys() ? newAuthKey : newPassword;
  }

  /**
   * The last check, which needs the session: a new legacy password must meet the policy for {@code
   * username}; else {@code weak_password} naming every broken rule.
   */
  public void checkNewPassword(String username) throws ProtocolException {
    FieldRules.policy(username, newPassword, "The new password does not meet the policy.");
  }

  @Override
  public String type() {
    return FrameType.CHANGE_PASSWORD;
  }
}
