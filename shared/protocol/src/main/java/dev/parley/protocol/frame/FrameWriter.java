package dev.parley.protocol.frame;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.protocol.Fields;

/**
 * Writes typed frames as the JSON objects both sides have always sent: {@code type} first, then
 * {@code id} or {@code re}, then the fields in the order of docs/PROTOCOL.md; absent optional
 * fields are left out, never written as null.
 */
final class FrameWriter {
  private FrameWriter() {}

  static JsonObject write(Frame frame) {
    JsonObject o = new JsonObject();
    o.addProperty("type", frame.type());
    if (frame instanceof Request r) {
      if (r.id() != null) {
        o.addProperty("id", r.id());
      }
      requestFields(r, o);
    } else if (frame instanceof Answer a) {
      if (a.re() != null) {
        o.addProperty("re", a.re());
      }
      answerFields(a, o);
    } else {
      eventFields((Event) frame, o);
    }
    return o;
  }

  /** A request's fields after {@code type} and {@code id}. */
  static void requestFields(Request r, JsonObject o) {
    if (r instanceof HelloRequest h) {
      o.addProperty("version", h.version());
      optional(o, "software", h.software());
    } else if (r instanceof RegisterRequest q) {
      credentials(o, q.username(), q.password(), q.authKey());
    } else if (r instanceof LoginRequest q) {
      credentials(o, q.username(), q.password(), q.authKey());
    } else if (r instanceof ChangePasswordRequest c) {
      optional(o, "oldPassword", c.oldPassword());
      optional(o, "newPassword", c.newPassword());
      optional(o, "oldAuthKey", c.oldAuthKey());
      optional(o, "newAuthKey", c.newAuthKey());
    } else if (r instanceof PublishKeysRequest p) {
      o.addProperty("identityDh", Fields.base64(p.identityDh()));
      o.addProperty("identitySign", Fields.base64(p.identitySign()));
      o.add("signedPreKey", signedPreKey(p.signedPreKey()));
      JsonArray keys = new JsonArray();
      p.oneTimePreKeys().forEach(k -> keys.add(oneTimePreKey(k)));
      o.add("oneTimePreKeys", keys);
    } else if (r instanceof FetchBundleRequest q) {
      o.addProperty("user", q.user());
    } else if (r instanceof AddContactRequest q) {
      o.addProperty("user", q.user());
    } else if (r instanceof RemoveContactRequest q) {
      o.addProperty("user", q.user());
    } else if (r instanceof SendRequest s) {
      o.addProperty("to", s.to());
      o.addProperty("msgId", s.msgId());
      o.addProperty("envelope", Fields.base64(s.envelope()));
    } else if (r instanceof AckRequest a) {
      acks(a, o);
    } else if (r instanceof AckReceiptRequest a) {
      receiptAcks(a, o);
    } else if (r instanceof TypingRequest t) {
      o.addProperty("to", t.to());
      o.addProperty("envelope", Fields.base64(t.envelope()));
    }
    // ping, logout, list_contacts: no fields.
  }

  /** One message in version 1's fields (any version reads them), more as version 2's list. */
  private static void acks(AckRequest a, JsonObject o) {
    if (a.messages().size() == 1) {
      o.addProperty("from", a.messages().get(0).from());
      o.addProperty("msgId", a.messages().get(0).msgId());
      return;
    }
    JsonArray list = new JsonArray();
    for (MessageRef m : a.messages()) {
      JsonObject ref = new JsonObject();
      ref.addProperty("from", m.from());
      ref.addProperty("msgId", m.msgId());
      list.add(ref);
    }
    o.add("messages", list);
  }

  /** One receipt as version 1's {@code rid}, more as version 2's {@code rids}. */
  private static void receiptAcks(AckReceiptRequest a, JsonObject o) {
    if (a.rids().size() == 1) {
      o.addProperty("rid", a.rids().get(0));
      return;
    }
    JsonArray list = new JsonArray();
    a.rids().forEach(list::add);
    o.add("rids", list);
  }

  private static void answerFields(Answer a, JsonObject o) {
    if (a instanceof HelloOk h) {
      o.addProperty("version", h.version());
    } else if (a instanceof UserOk u) {
      o.addProperty("user", u.user());
    } else if (a instanceof KeysOk k) {
      o.addProperty("oneTimePreKeys", k.oneTimePreKeys());
    } else if (a instanceof BundleOk b) {
      o.addProperty("user", b.user());
      o.addProperty("identityDh", Fields.base64(b.identityDh()));
      o.addProperty("identitySign", Fields.base64(b.identitySign()));
      o.add("signedPreKey", signedPreKey(b.signedPreKey()));
      if (b.oneTimePreKey() != null) {
        o.add("oneTimePreKey", oneTimePreKey(b.oneTimePreKey()));
      }
    } else if (a instanceof ContactOk c) {
      o.add("contact", contact(c.contact()));
    } else if (a instanceof ContactsOk c) {
      JsonArray list = new JsonArray();
      c.contacts().forEach(k -> list.add(contact(k)));
      o.add("contacts", list);
    } else if (a instanceof SendOk s) {
      o.addProperty("msgId", s.msgId());
      o.addProperty("sentAt", s.sentAt());
      o.addProperty("duplicate", s.duplicate());
      if (s.receipt() != null) {
        JsonObject receipt = new JsonObject();
        receipt.addProperty("rid", s.receipt().rid());
        receipt.addProperty("status", s.receipt().status());
        receipt.addProperty("at", s.receipt().at());
        o.add("receipt", receipt);
      }
    } else if (a instanceof ErrorFrame e) {
      error(e, o);
    }
    // pong, empty ok: no fields.
  }

  private static void eventFields(Event e, JsonObject o) {
    if (e instanceof ServerHello h) {
      o.addProperty("version", h.version());
      o.addProperty("software", h.software());
      optional(o, "name", h.name());
    } else if (e instanceof MessageEvent m) {
      o.addProperty("from", m.from());
      o.addProperty("msgId", m.msgId());
      o.addProperty("envelope", Fields.base64(m.envelope()));
      o.addProperty("sentAt", m.sentAt());
    } else if (e instanceof ReceiptEvent r) {
      o.addProperty("rid", r.rid());
      o.addProperty("to", r.to());
      o.addProperty("msgId", r.msgId());
      o.addProperty("status", r.status());
      o.addProperty("at", r.at());
    } else if (e instanceof PresenceEvent p) {
      o.addProperty("user", p.user());
      o.addProperty("online", p.online());
    } else if (e instanceof TypingEvent t) {
      o.addProperty("from", t.from());
      o.addProperty("envelope", Fields.base64(t.envelope()));
    } else if (e instanceof KeysLowEvent k) {
      o.addProperty("remaining", k.remaining());
    }
    // ping, pong: no fields; an error without re is written as an answer.
  }

  private static void error(ErrorFrame e, JsonObject o) {
    o.addProperty("code", e.code().wire());
    o.addProperty("message", e.message());
    if (!e.rules().isEmpty()) {
      JsonArray rules = new JsonArray();
      e.rules().forEach(rules::add);
      o.add("rules", rules);
    }
    if (e.retryAfterMs() > 0) {
      o.addProperty("retryAfterMs", e.retryAfterMs());
    }
  }

  private static void credentials(JsonObject o, String username, String password, String key) {
    o.addProperty("username", username);
    optional(o, "password", password);
    optional(o, "authKey", key);
  }

  private static JsonObject signedPreKey(SignedPreKey k) {
    JsonObject o = new JsonObject();
    o.addProperty("id", k.id());
    o.addProperty("key", Fields.base64(k.key()));
    o.addProperty("signature", Fields.base64(k.signature()));
    return o;
  }

  private static JsonObject oneTimePreKey(OneTimePreKey k) {
    JsonObject o = new JsonObject();
    o.addProperty("id", k.id());
    o.addProperty("key", Fields.base64(k.key()));
    return o;
  }

  private static JsonObject contact(ContactInfo c) {
    JsonObject o = new JsonObject();
    o.addProperty("user", c.user());
    o.addProperty("online", c.online());
    o.addProperty("mutual", c.mutual());
    return o;
  }

  private static void optional(JsonObject o, String name, String value) {
    if (value != null) {
      o.addProperty(name, value);
    }
  }
}
