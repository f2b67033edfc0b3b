package dev.parley.protocol.frame;

import com.google.gson.JsonObject;
import dev.parley.protocol.FieldRules;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.UsernameRules;

/**
 * Reads a server frame without {@code re} as strictly as the server reads requests: a field of the
 * wrong type, out of range or missing is a {@code bad_request}, never a runtime exception.
 */
final class EventReader {
  private EventReader() {}

  static Event read(JsonObject f) throws ProtocolException {
    String type = Fields.string(f, "type", Limits.MAX_TYPE_CHARS);
    return switch (type) {
      case FrameType.HELLO -> {
        int version = (int) Fields.integer(f, "version", 0, Integer.MAX_VALUE);
        String software = Fields.string(f, "software", Limits.MAX_SOFTWARE_CHARS);
        yield new ServerHello(version, software, Fields.optText(f, "name"));
      }
      case FrameType.PING -> new ServerPing();
      case FrameType.PONG -> new Pong(null);
      case FrameType.MESSAGE -> {
        String from = user(f, "from");
        String msgId = Fields.string(f, "msgId", Limits.MAX_MSG_ID_CHARS);
        long sentAt = Fields.integer(f, "sentAt", 0, Long.MAX_VALUE);
        byte[] envelope = Fields.bytes(f, "envelope", Limits.CLIENT_MAX_MESSAGE_ENVELOPE_BYTES);
        yield new MessageEvent(from, msgId, envelope, sentAt);
      }
      case FrameType.RECEIPT -> {
        String to = user(f, "to");
        String msgId = Fields.string(f, "msgId", Limits.MAX_MSG_ID_CHARS);
        long rid = Fields.integer(f, "rid", 1, Long.MAX_VALUE);
        String status = Fields.string(f, "status", Limits.MAX_STATUS_CHARS);
        yield new ReceiptEvent(rid, to, msgId, status, Fields.integer(f, "at", 0, Long.MAX_VALUE));
      }
      case FrameType.PRESENCE -> {
        String user = user(f, "user");
        yield new PresenceEvent(user, Fields.bool(f, "online"));
      }
      case FrameType.TYPING -> {
        String from = user(f, "from");
        yield new TypingEvent(
            from, Fields.bytes(f, "envelope", Limits.CLIENT_MAX_TYPING_ENVELOPE_BYTES));
      }
      case FrameType.KEYS_LOW ->
          new KeysLowEvent((int) Fields.integer(f, "remaining", 0, Integer.MAX_VALUE));
      case FrameType.ERROR -> error(null, f);
      default -> throw ProtocolException.badRequest("Unknown event type '" + type + "'.");
    };
  }

  /** A user named by the server: valid and already canonical. */
  static String user(JsonObject f, String name) throws ProtocolException {
    return FieldRules.serverUser(name, Fields.string(f, name, UsernameRules.MAX));
  }

  /** An {@code error} frame's fields after {@code type} and {@code re}. */
  static ErrorFrame error(String re, JsonObject f) throws ProtocolException {
    String code = Fields.string(f, "code", Limits.MAX_ERROR_CODE_CHARS);
    String message = Fields.string(f, "message", Limits.MAX_ERROR_MESSAGE_CHARS);
    var rules = new java.util.ArrayList<String>();
    for (var e : Fields.optArray(f, "rules", Limits.MAX_ERROR_RULES)) {
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        throw ProtocolException.badRequest("rules holds strings");
      }
      rules.add(e.getAsString());
    }
    long retry = Fields.optInteger(f, "retryAfterMs", 0, Long.MAX_VALUE, 0);
    return new ErrorFrame(re, dev.parley.protocol.ErrorCode.fromWire(code), message, rules, retry);
  }
}
