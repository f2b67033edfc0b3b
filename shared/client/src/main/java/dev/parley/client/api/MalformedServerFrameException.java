package dev.parley.client.api;

import dev.parley.protocol.ProtocolException;

/**
 * The server sent a frame that breaks docs/PROTOCOL.md (a field missing, of the wrong type or out
 * of range). The client reads the server as strictly as the server reads clients: such a frame is
 * this clear error for the request it answers, never a {@code NullPointerException}.
 */
public final class MalformedServerFrameException extends RuntimeException {
  /** The server's {@code what} (e.g. "answer to add_contact") broke the rule in {@code cause}. */
  public MalformedServerFrameException(String what, ProtocolException cause) {
    super("The server sent a malformed " + what + ": " + cause.getMessage(), cause);
  }
}
