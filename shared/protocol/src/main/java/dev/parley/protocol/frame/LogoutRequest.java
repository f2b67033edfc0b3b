package dev.parley.protocol.frame;

import dev.parley.protocol.FrameType;

/**
 * Ends the session; the connection stays open.
 *
 * @param id request id
 */
public record LogoutRequest(String id) implements Request {
  /** Checks the id. */
  public LogoutRequest {
    id = Checks.id(id);
  }

  @Override
  public String type() {
    return FrameType.LOGOUT;
  }
}
