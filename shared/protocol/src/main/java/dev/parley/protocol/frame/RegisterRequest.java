package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.ProtocolException;

/**
 * Creates an account and logs in. After the connection's state and {@code registration_closed} (the
 * server's), the checks run in the order of docs/PROTOCOL.md §5: {@code bad_request} (a missing
 * username, an unpaired surrogate, not exactly one secret, a malformed auth key), {@code too_large}
 * (a password over 256 characters), {@code invalid_username}, {@code weak_password} (every broken
 * rule of the policy, for a legacy password).
 *
 * @param id request id
 * @param username the account name, canonicalised
 * @param password the legacy credential, or null
 * @param authKey the auth key's base64 text, or null
 */
public record RegisterRequest(String id, String username, String password, String authKey)
    implements Request {
  /** Checks the fields in the order above. */
  public RegisterRequest {
    id = Checks.id(id);
    Checks.credentials(
        username,
        password,
        authKey,
        () -> {
          if ((password == null) == (authKey == null)) {
            throw ProtocolException.badRequest(
                "register takes exactly one of 'password' and 'authKey'.");
          }
        });
    username = Checks.accountName(username);
    var canonicalUsername = username;
    Checks.check(
        () -> {
          FieldRules.policy(canonicalUsername, password, "The password does not meet the policy.");
        });
  }

  @Override
  public String type() {
    return FrameType.REGISTER;
  }
}
