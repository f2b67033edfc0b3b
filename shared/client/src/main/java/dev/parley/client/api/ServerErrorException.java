package dev.parley.client.api;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.ErrorFrame;
import java.util.List;

/**
 * The server refused a request; {@link #code()} says why, {@link #rules()} which password rules.
 */
public class ServerErrorException extends RuntimeException {
  private final ErrorCode code;
  private final List<String> rules;
  private final long retryAfterMs;

  /** An error as the server sent it. */
  public ServerErrorException(
      ErrorCode code, String message, List<String> rules, long retryAfterMs) {
    super(message);
    this.code = code;
    this.rules = List.copyOf(rules);
    this.retryAfterMs = retryAfterMs;
  }

  /** The error an {@code error} frame from the server stands for. */
  public static ServerErrorException of(ErrorFrame e) {
    return new ServerErrorException(e.code(), e.message(), e.rules(), e.retryAfterMs());
  }

  /**
   * The error the server would answer a request with that breaks {@code rule}: the client found it
   * before sending (the typed request could not be built), so nothing was sent.
   */
  public static ServerErrorException of(ProtocolException rule) {
    return new ServerErrorException(
        rule.code(), rule.getMessage(), rule.rules(), rule.retryAfterMs());
  }

  /** The stable error code. */
  public ErrorCode code() {
    return code;
  }

  /** Failed password rule codes, for {@link ErrorCode#WEAK_PASSWORD}. */
  public List<String> rules() {
    return rules;
  }

  /** Milliseconds to wait, for {@link ErrorCode#RATE_LIMITED}. */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}
