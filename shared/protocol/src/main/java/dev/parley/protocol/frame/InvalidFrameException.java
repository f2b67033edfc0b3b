package dev.parley.protocol.frame;

import dev.parley.protocol.ProtocolException;

/**
 * A typed frame built with a value that breaks a rule of docs/PROTOCOL.md. A record's canonical
 * constructor may not throw a checked exception, so this carries the {@link ProtocolException}
 * (code and message as the server answers them); {@link FrameCodec} unwraps it when decoding.
 */
public final class InvalidFrameException extends IllegalArgumentException {
  private final transient ProtocolException problem;

  /** Wraps the broken rule. */
  public InvalidFrameException(ProtocolException problem) {
    super(problem.getMessage(), problem);
    this.problem = problem;
  }

  /** The broken rule, with its error code and message. */
  public ProtocolException problem() {
    return problem;
  }
}
