package dev.parley.server.session;

import com.google.gson.JsonObject;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Fields;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.UsernameRules;

/** A request field that names another user. */
public final class UserField {
  private UserField() {}

  /**
   * The canonical username in {@code f.field}; a name no account can have is {@code unknown_user},
   * like a name that is not taken.
   */
  public static String read(JsonObject f, String field) throws ProtocolException {
    String raw = Fields.string(f, field, 64);
    if (!UsernameRules.isValid(raw)) {
      throw new ProtocolException(ErrorCode.UNKNOWN_USER, "There is no user called " + raw + ".");
    }
    return UsernameRules.canonical(raw);
  }
}
