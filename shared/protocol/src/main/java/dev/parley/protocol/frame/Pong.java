package dev.parley.protocol.frame;

import dev.parley.protocol.FrameType;

/**
 * The answer to a ping: the server's to a client's {@code ping} ({@code re} = its id, or none), and
 * also what a client sends in answer to the server's {@link ServerPing} (no {@code re}; never
 * answered).
 *
 * @param re the ping's id, or null
 */
public record Pong(String re) implements Answer, Event {
  /** Checks {@code re}. */
  public Pong {
    re = Checks.optId("re", re);
  }

  @Override
  public String type() {
    return FrameType.PONG;
  }
}
