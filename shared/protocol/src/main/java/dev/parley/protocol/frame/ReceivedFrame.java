package dev.parley.protocol.frame;

import com.google.gson.JsonObject;

/**
 * A client line whose JSON, {@code id} and {@code type} are valid, its body not read yet: the
 * server checks the connection's and the request's state first, then asks {@link
 * FrameCodec#decodeRequest} for the typed request (see {@link Request} for the order).
 *
 * @param type the frame's type, 1–32 characters
 * @param id the request id (1–64 characters), or null when absent
 * @param json the whole frame, or null when it was read as {@code decoded} directly
 * @param decoded the typed request when the frame was read straight into it ({@link SendLine}),
 *     else null
 */
public record ReceivedFrame(String type, String id, JsonObject json, Request decoded) {
  /** A frame whose body is still to be read from {@code json}. */
  public ReceivedFrame(String type, String id, JsonObject json) {
    this(type, id, json, null);
  }
}
