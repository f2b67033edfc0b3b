package dev.parley.protocol.frame;

import com.google.gson.JsonObject;

/**
 * A client line whose JSON, {@code id} and {@code type} are valid, its body not read yet: the
 * server checks the connection's and the request's state first, then asks {@link
 * FrameCodec#decodeRequest} for the typed request (see {@link Request} for the order).
 *
 * @param type the frame's type, 1–32 characters
 * @param id the request id (1–64 characters), or null when absent
 * @param json the whole frame
 */
public record ReceivedFrame(String type, String id, JsonObject json) {}
