package dev.parley.protocol.frame;

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
 * Reads the server's answer to a request of a known type, as strictly as the server reads requests:
 * the body the request's type calls for, or an {@code error}.
 */
final class AnswerReader {
  private AnswerReader() {}

  static Answer read(JsonObject f, String requestType) throws ProtocolException {
    String type = Fields.string(f, "type", Limits.MAX_TYPE_CHARS);
    if (type.equals(FrameType.PONG) && requestType.equals(FrameType.PING)) {
      return new Pong(Fields.optString(f, "re", Limits.MAX_ID_CHARS));
    }
    String re = Fields.string(f, "re", Limits.MAX_ID_CHARS);
    if (type.equals(FrameType.ERROR)) {
      return EventReader.error(re, f);
    }
    if (!type.equals(FrameType.OK)) {
      throw ProtocolException.badRequest(
          "'" + type + "' does not answer a " + requestType + " request");
    }
    return switch (requestType) {
      case FrameType.HELLO ->
          new HelloOk(re, (int) Fields.integer(f, "version", 0, Integer.MAX_VALUE));
      case FrameType.REGISTER, FrameType.LOGIN -> new UserOk(re, EventReader.user(f, "user"));
      case FrameType.PUBLISH_KEYS ->
          new KeysOk(re, (int) Fields.integer(f, "oneTimePreKeys", 0, Integer.MAX_VALUE));
      case FrameType.FETCH_BUNDLE -> bundle(re, f);
      case FrameType.ADD_CONTACT -> new ContactOk(re, contact(Fields.object(f, "contact")));
      case FrameType.LIST_CONTACTS -> contacts(re, f);
      case FrameType.SEND -> {
        String msgId =
            FieldRules.msgId("msgId", Fields.string(f, "msgId", Limits.MAX_MSG_ID_CHARS));
        long sentAt = Fields.integer(f, "sentAt", 0, Long.MAX_VALUE);
        boolean duplicate = Fields.bool(f, "duplicate");
        yield new SendOk(re, msgId, sentAt, duplicate, sendReceipt(f));
      }
      case FrameType.LOGOUT,
          FrameType.CHANGE_PASSWORD,
          FrameType.REMOVE_CONTACT,
          FrameType.ACK,
          FrameType.ACK_RECEIPT,
          FrameType.TYPING ->
          new EmptyOk(re);
      default ->
          throw ProtocolException.badRequest("'ok' does not answer a " + requestType + " request");
    };
  }

  /** The {@code receipt} a version 2 {@code ok} to a {@code send} may carry, or null. */
  private static SendReceipt sendReceipt(JsonObject f) throws ProtocolException {
    JsonObject r = Fields.optObject(f, "receipt");
    if (r == null) {
      return null;
    }
    long rid = Fields.integer(r, "rid", 1, Long.MAX_VALUE);
    String status = Fields.string(r, "status", Limits.MAX_STATUS_CHARS);
    return new SendReceipt(rid, status, Fields.integer(r, "at", 0, Long.MAX_VALUE));
  }

  private static BundleOk bundle(String re, JsonObject f) throws ProtocolException {
    String user = EventReader.user(f, "user");
    byte[] dh = Fields.bytesExactly(f, "identityDh", Limits.KEY_BYTES);
    byte[] sign = Fields.bytesExactly(f, "identitySign", Limits.KEY_BYTES);
    SignedPreKey spk = PreKeyReader.signedPreKey(Fields.object(f, "signedPreKey"));
    JsonObject otk = Fields.optObject(f, "oneTimePreKey");
    return new BundleOk(
        re, user, dh, sign, spk, otk == null ? null : PreKeyReader.oneTimePreKey(otk));
  }

  private static ContactsOk contacts(String re, JsonObject f) throws ProtocolException {
    JsonElement list = f.get("contacts");
    if (list == null || !list.isJsonArray()) {
      throw ProtocolException.badRequest("field 'contacts' must be an array");
    }
    FieldRules.maxElements("contacts", list.getAsJsonArray().size(), Limits.MAX_CONTACTS_LISTED);
    List<ContactInfo> contacts = new ArrayList<>();
    for (JsonElement e : list.getAsJsonArray()) {
      if (!e.isJsonObject()) {
        throw ProtocolException.badRequest("contacts holds objects");
      }
      contacts.add(contact(e.getAsJsonObject()));
    }
    return new ContactsOk(re, contacts);
  }

  /** A contact; an absent {@code mutual} (a server older than mutual presence) reads as true. */
  private static ContactInfo contact(JsonObject c) throws ProtocolException {
    String user = EventReader.user(c, "user");
    boolean online = Fields.bool(c, "online");
    boolean mutual = !c.has("mutual") || Fields.bool(c, "mutual");
    return new ContactInfo(user, online, mutual);
  }
}
