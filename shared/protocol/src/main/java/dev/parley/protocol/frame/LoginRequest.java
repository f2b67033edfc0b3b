package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

/**
 * Logs in; both secrets together are the one-time upgrade of a legacy account. After the
 * connection's state, the checks run in the order of docs/PROTOCOL.md §5: {@code bad_request} (a
 * missing username, an unpaired surrogate, no secret, a malformed auth key), {@code too_large} (a
 * password over 256 characters), {@code invalid_username}, {@code weak_password} ({@code too_long}
 * only: a password over 72 bytes, which no account can have).
 *
 * @param id request id
 * @param username the account name, canonicalised
 * @param password the password, or null
 * @param authKey the auth key's base64 text, or null
 */
public record LoginRequest(String id, String username, String password, String authKey)
    implements Request {
  /** Checks the fields in the order above. */
  public LoginRequest {
    id = Checks.id(id);
    Checks.credentials(
        username,
        password,
        authKey,
        () -> {
          if (password == null && authKey == null) {
            throw ProtocolException.badRequest("login needs 'authKey' (or 'password').");
          }
        });
    username = Checks.accountName(username);
    Checks.check(
        () -> {
          FieldRules.bcryptLimit(
              password,
              "The password is longer than "
                  + Limits.PASSWORD_MAX_BYTES
                  + " bytes; no account has it.");
        });
  }

  @Override
  public String type() {
    return FrameType.LOGIN;
  }
}
