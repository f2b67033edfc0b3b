package dev.parley.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The frame builders of the protocol before typed frames, frozen here: FrameGoldenTest shows that
 * {@link dev.parley.protocol.frame.FrameCodec} writes the very bytes they wrote.
 */
public final class Frames {
  private Frames() {}

  /** A frame of the given type. */
  public static JsonObject of(String type) {
    JsonObject o = new JsonObject();
    o.addProperty("type", type);
    return o;
  }

  /** A request of the given type with the client-chosen id. */
  public static JsonObject request(String type, String id) {
    JsonObject o = of(type);
    o.addProperty("id", id);
    return o;
  }

  /** A successful answer to request {@code re}. */
  public static JsonObject ok(String re) {
    JsonObject o = of(FrameType.OK);
    if (re != null) {
      o.addProperty("re", re);
    }
    return o;
  }

  /** An error answer (or, with a null {@code re}, an error about the connection itself). */
  public static JsonObject error(String re, ProtocolException e) {
    JsonObject o = of(FrameType.ERROR);
    if (re != null) {
      o.addProperty("re", re);
    }
    o.addProperty("code", e.code().wire());
    o.addProperty("message", e.getMessage());
    if (!e.rules().isEmpty()) {
      JsonArray rules = new JsonArray();
      e.rules().forEach(rules::add);
      o.add("rules", rules);
    }
    if (e.retryAfterMs() > 0) {
      o.addProperty("retryAfterMs", e.retryAfterMs());
    }
    return o;
  }
}
