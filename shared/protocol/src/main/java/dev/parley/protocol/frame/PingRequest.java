package dev.parley.protocol.frame;

import dev.parley.protocol.FrameType;

/**
 * A keep-alive; answered {@link Pong} with {@code re} = id, or without {@code re} when it has no
 * id.
 *
 * @param id request id, or null
 */
public record PingRequest(String id) implements Request {
  /** Checks the id. */
  public PingRequest {
    id = Checks.optId("id", id);
  }

  @Override
  public String type() {
    return FrameType.PING;
  }
}
