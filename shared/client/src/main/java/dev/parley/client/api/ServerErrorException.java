package dev.parley.client.api;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.ErrorFrame;
import java.util.List;

/**
 * The server refused a request; {@link #code()} says why, {@link #rules()} which password rules.
 */
public class ServerErrorException extends RuntimeException {
  // The code, message, rules and delay, exactly as the protocol's own error holds them.
  private final ProtocolException error;

  /** An error as the server sent it. */
  public ServerErrorException(
      ErrorCode code, String message, List<String> rules, long retryAfterMs) {
    this(new ProtocolException(code, message, rules, retryAfterMs));
  }

  private ServerErrorException(ProtocolException error) {
    super(error.getMessage());
    this.error = error;
  }

  /** The error an {@code error} frame from the server stands for. */
  public static ServerErrorException of(ErrorFrame e) {
    return new ServerErrorException(e.toException());
  }

  /**
   * The error the server would answer a request with that breaks {@code rule}: the client found it
   * before sending (the typed request could not be built), so nothing was sent.
   */
  public static ServerErrorException of(ProtocolException rule) {
    return new ServerErrorException(rule);
  }

  /** The stable error code. */
  public ErrorCode code() {
    return error.code();
  }

  /** Failed password rule codes, for {@link ErrorCode#WEAK_PASSWORD}. */
  public List<String> rules() {
    return error.rules();
  }

  /** Milliseconds to wait, for {@link ErrorCode#RATE_LIMITED}. */
  public long retryAfterMs() {
    return error.retryAfterMs();
  }
}
