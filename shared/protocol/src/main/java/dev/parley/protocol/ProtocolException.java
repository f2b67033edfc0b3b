package dev.parley.protocol;

import java.util.List;

/** A request that cannot be served, with the error code and message to send back. */
public class ProtocolException extends Exception {
  private final ErrorCode code;
  private final List<String> rules;
  private final long retryAfterMs;

  /** An error with a code and a human message. */
  public ProtocolException(ErrorCode code, String message) {
    this(code, message, List.of(), 0);
  }

  /** An error naming failed password rules or a retry delay. */
  public ProtocolException(ErrorCode code, String message, List<String> rules, long retryAfterMs) {
    super(message, null, false, false);
    this.code = code;
    this.rules = List.copyOf(rules);
    this.retryAfterMs = retryAfterMs;
  }

  /** The stable code. */
  public ErrorCode code() {
    return code;
  }

  /** Failed password rules (for {@link ErrorCode#WEAK_PASSWORD}). */
  public List<String> rules() {
    return rules;
  }

  /** Milliseconds until a retry may succeed (for {@link ErrorCode#RATE_LIMITED}), else 0. */
  public long retryAfterMs() {
    return retryAfterMs;
  }

  /** This error wrapped for throwing from a {@code CompletableFuture} stage. */
  public java.util.concurrent.CompletionException asCompletion() {
    return new java.util.concurrent.CompletionException(this);
  }

  /** Shorthand for a {@link ErrorCode#BAD_REQUEST}. */
  public static ProtocolException badRequest(String message) {
    return new ProtocolException(ErrorCode.BAD_REQUEST, message);
  }
}
