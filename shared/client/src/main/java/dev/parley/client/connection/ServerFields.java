package dev.parley.client.connection;

import com.google.gson.JsonObject;
import dev.parley.protocol.Fields;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.UsernameRules;

/** Checks on fields of frames from the server, which is not trusted to send valid ones. */
public final class ServerFields {
  private ServerFields() {}

  /** The canonical user name in {@code field}; a missing or invalid one is a protocol error. */
  public static String username(JsonObject f, String field) throws ProtocolException {
    String raw = Fields.string(f, field, UsernameRules.MAX);
    if (!UsernameRules.isValid(raw) || !raw.equals(UsernameRules.canonical(raw))) {
      throw ProtocolException.badRequest("invalid user name in an event");
    }
    return raw;
  }
}
