package dev.parley.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What travels inside the ratchet: {@code {"v":1,"k":"text","id":..,"t":..,"ts":..}}, {@code
 * {"v":1,"k":"read","ids":[..]}} or {@code {"v":1,"k":"typing"}} or {@code {"v":1,"k":"reset"}}.
 * The server never sees it.
 */
record Payload(String kind, String id, String text, long sentAt, List<String> ids) {
  static final String TEXT = "text";
  static final String READ = "read";
  static final String TYPING = "typing";
  static final String RESET = "reset";

  static Payload text(String id, String text, long sentAt) {
    return new Payload(TEXT, id, text, sentAt, List.of());
  }

  static Payload read(List<String> ids) {
    return new Payload(READ, null, null, 0, List.copyOf(ids));
  }

  /** Starts a session after this device could not read a message (it has no session). */
  static Payload reset() {
    return new Payload(RESET, null, null, 0, List.of());
  }

  static Payload typing() {
    return new Payload(TYPING, null, null, 0, List.of());
  }

  byte[] encode() {
    JsonObject o = new JsonObject();
    o.addProperty("v", 1);
    o.addProperty("k", kind);
    if (id != null) {
      o.addProperty("id", id);
    }
    if (text != null) {
      o.addProperty("t", text);
      o.addProperty("ts", sentAt);
    }
    if (!ids.isEmpty()) {
      JsonArray a = new JsonArray();
      ids.forEach(a::add);
      o.add("ids", a);
    }
    return Json.write(o).getBytes(StandardCharsets.UTF_8);
  }

  static Payload decode(byte[] bytes) throws ProtocolException {
    // Strict, like frames: malformed UTF-8, duplicate keys or lone surrogates are refused.
    JsonObject o = Json.parseUtf8(java.nio.ByteBuffer.wrap(bytes));
    String kind = o.has("k") ? o.get("k").getAsString() : "";
    List<String> ids = new ArrayList<>();
    if (o.has("ids") && o.get("ids").isJsonArray()) {
      o.getAsJsonArray("ids").forEach(e -> ids.add(e.getAsString()));
    }
    return new Payload(
        kind,
        o.has("id") ? o.get("id").getAsString() : null,
        o.has("t") ? o.get("t").getAsString() : null,
        o.has("ts") ? o.get("ts").getAsLong() : 0,
        ids);
  }
}
