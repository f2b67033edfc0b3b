package dev.parley.protocol.frame;

/**
 * One frame of docs/PROTOCOL.md as a typed value: a {@link Request} (client to server), an {@link
 * Answer} (the server's reply to one request) or an {@link Event} (pushed by the server). Each is a
 * record whose constructor enforces the protocol's field rules; {@link FrameCodec} maps them to and
 * from their JSON line.
 */
public sealed interface Frame permits Request, Answer, Event {
  /** The frame's {@code type} on the wire. */
  String type();
}
