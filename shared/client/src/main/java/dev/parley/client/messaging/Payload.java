package dev.parley.client.messaging;

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
public record Payload(String kind, String id, String text, long sentAt, List<String> ids) {
  /** Kind of a message the user wrote. */
  public static final String TEXT = "text";

  /** Kind of a read receipt. */
  public static final String READ = "read";

  /** Kind of a typing notice. */
  public static final String TYPING = "typing";

  /** Kind of a session restart. */
  public static final String RESET = "reset";

  /** A message the user wrote. */
  public static Payload text(String id, String text, long sentAt) {
    return new Payload(TEXT, id, text, sentAt, List.of());
  }

  /** A read receipt for the messages {@code ids}. */
  public static Payload read(List<String> ids) {
    return new Payload(READ, null, null, 0, List.copyOf(ids));
  }

  /** Starts a session after this device could not read a message (it has no session). */
  public static Payload reset() {
    return new Payload(RESET, null, null, 0, List.of());
  }

  /** A typing notice. */
  public static Payload typing() {
    return new Payload(TYPING, null, null, 0, List.of());
  }

  /** The bytes that are encrypted. */
  public byte[] encode() {
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

  /** The payload in {@code bytes}; strict like frames. */
  public static Payload decode(byte[] bytes) throws ProtocolException {
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
