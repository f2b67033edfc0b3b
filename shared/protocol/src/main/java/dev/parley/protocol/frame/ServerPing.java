package dev.parley.protocol.frame;

import dev.parley.protocol.FrameType;

/** The server's probe after an idle period; a client answers {@code new Pong(null)}. */
public record ServerPing() implements Event {
  @Override
  public String type() {
    return FrameType.PING;
  }
}
