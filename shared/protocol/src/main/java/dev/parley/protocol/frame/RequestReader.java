package dev.parley.protocol.frame;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.protocol.FieldRules;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request's body field by field in the order the server has always checked it: a field's
 * JSON type and its value rules are checked before the next field is looked at, so the first
 * problem of a frame is the one answered.
 */
final class RequestReader {
  private RequestReader() {}

  static Request read(ReceivedFrame in, int version) throws ProtocolException {
    String id = in.id();
    JsonObject f = in.json();
    return switch (in.type()) {
      case FrameType.HELLO ->
          new HelloRequest(
              id,
              (int) Fields.integer(f, "version", 0, Integer.MAX_VALUE),
              Fields.optString(f, "software", Limits.MAX_SOFTWARE_CHARS));
      case FrameType.PING -> new PingRequest(id);
      case FrameType.REGISTER -> {
        String username = username(f);
        yield new RegisterRequest(
            id, username, Fields.optText(f, "password"), Fields.optText(f, "authKey"));
      }
      case FrameType.LOGIN -> {
        String username = username(f);
        yield new LoginRequest(
            id, username, Fields.optText(f, "password"), Fields.optText(f, "authKey"));
      }
      case FrameType.LOGOUT -> new LogoutRequest(id);
      case FrameType.CHANGE_PASSWORD ->
          new ChangePasswordRequest(
              id,
              Fields.optText(f, "oldPassword"),
              Fields.optText(f, "newPassword"),
              Fields.optText(f, "oldAuthKey"),
              Fields.optText(f, "newAuthKey"));
      case FrameType.PUBLISH_KEYS -> publishKeys(id, f);
      case FrameType.FETCH_BUNDLE -> new FetchBundleRequest(id, user(f, "user"));
      case FrameType.ADD_CONTACT -> new AddContactRequest(id, user(f, "user"));
      case FrameType.REMOVE_CONTACT -> new RemoveContactRequest(id, user(f, "user"));
      case FrameType.LIST_CONTACTS -> new ListContactsRequest(id);
      case FrameType.SEND -> {
        String to = user(f, "to");
        String msgId =
            FieldRules.msgId("msgId", Fields.string(f, "msgId", Limits.MAX_MSG_ID_CHARS));
        yield new SendRequest(
            id, to, msgId, Fields.bytes(f, "envelope", Limits.MAX_ENVELOPE_BYTES));
      }
      case FrameType.ACK -> {
        if (version >= 2 && f.has("messages")) {
          yield new AckRequest(id, messageRefs(f));
        }
        String from = user(f, "from");
        yield new AckRequest(id, from, Fields.string(f, "msgId", Limits.MAX_MSG_ID_CHARS));
      }
      case FrameType.ACK_RECEIPT -> {
        if (version >= 2 && f.has("rids")) {
          yield new AckReceiptRequest(id, rids(f));
        }
        yield new AckReceiptRequest(id, Fields.integer(f, "rid", 1, Long.MAX_VALUE));
      }
      case FrameType.TYPING -> {
        String to = user(f, "to");
        yield new TypingRequest(id, to, Fields.bytes(f, "envelope", Limits.MAX_TYPING_BYTES));
      }
      default -> throw ProtocolException.badRequest("Unknown frame type '" + in.type() + "'.");
    };
  }

  /** Version 2's {@code messages} of an {@code ack}: 1–256 objects, each checked in order. */
  private static List<MessageRef> messageRefs(JsonObject f) throws ProtocolException {
    JsonArray list = Fields.optArray(f, "messages", Limits.MAX_ACKS_PER_FRAME);
    FieldRules.elements("messages", list.size(), Limits.MAX_ACKS_PER_FRAME);
    List<MessageRef> refs = new ArrayList<>(list.size());
    for (JsonElement e : list) {
      if (!e.isJsonObject()) {
        throw ProtocolException.badRequest("messages holds objects");
      }
      JsonObject m = e.getAsJsonObject();
      String from = user(m, "from");
      refs.add(new MessageRef(from, Fields.string(m, "msgId", Limits.MAX_MSG_ID_CHARS)));
    }
    return refs;
  }

  /** Version 2's {@code rids} of an {@code ack_receipt}: 1–256 receipt ids. */
  private static List<Long> rids(JsonObject f) throws ProtocolException {
    JsonArray list = Fields.optArray(f, "rids", Limits.MAX_ACKS_PER_FRAME);
    FieldRules.elements("rids", list.size(), Limits.MAX_ACKS_PER_FRAME);
    List<Long> rids = new ArrayList<>(list.size());
    for (JsonElement e : list) {
      rids.add(Fields.integer(e, "rids", 1, Long.MAX_VALUE));
    }
    return rids;
  }

  /** The {@code username} of a register or login: a string, required (its rules come later). */
  private static String username(JsonObject f) throws ProtocolException {
    return FieldRules.required("username", Fields.optText(f, "username"));
  }

  /** A user-naming field, checked (and canonicalised) before the next field is read. */
  private static String user(JsonObject f, String name) throws ProtocolException {
    return FieldRules.requestedUser(name, Fields.string(f, name, Limits.MAX_USER_FIELD_CHARS));
  }

  private static PublishKeysRequest publishKeys(String id, JsonObject f) throws ProtocolException {
    byte[] dh = Fields.bytesExactly(f, "identityDh", Limits.KEY_BYTES);
    byte[] sign = Fields.bytesExactly(f, "identitySign", Limits.KEY_BYTES);
    SignedPreKey spk = PreKeyReader.signedPreKey(Fields.object(f, "signedPreKey"));
    List<OneTimePreKey> oneTime = new ArrayList<>();
    for (JsonElement e : Fields.optArray(f, "oneTimePreKeys", Limits.MAX_PREKEYS_PER_UPLOAD)) {
      if (!e.isJsonObject()) {
        throw ProtocolException.badRequest("oneTimePreKeys holds objects");
      }
      oneTime.add(PreKeyReader.oneTimePreKey(e.getAsJsonObject()));
    }
    return new PublishKeysRequest(id, dh, sign, spk, oneTime);
  }
}
