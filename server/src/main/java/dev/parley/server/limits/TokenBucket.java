package dev.parley.server.limits;

import dev.parley.protocol.Limits;

/**
 * Per-connection request rate limit; used only from the connection's event loop. Every line a peer
 * sends takes a token, refused ones too: a peer that goes on sending while refused runs into debt
 * (its wait grows), and once the debt passes {@link Limits#MAX_DEBT_BURSTS} bursts it is overdrawn
 * and gets disconnected rather than answered forever.
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double capacity;
  private double tokens;
  private long last;

  /**
   * {@code perSecond} tokens a second, at most {@code burst} saved up, full at {@code nowNanos}.
   */
  public TokenBucket(int perSecond, int burst, long nowNanos) {
    this.ratePerNano = perSecond / 1e9;
    this.capacity = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** Takes one token; when none was left returns the milliseconds until one will be, else 0. */
  public long take(long nowNanos) {
    return take(nowNanos, 1);
  }

  /**
   * Takes {@code n} tokens (a request that does the work of {@code n}); when they were not all
   * there returns the milliseconds until one will be, else 0.
   */
  public long take(long nowNanos, int n) {
    tokens = Math.min(capacity, tokens + (nowNanos - last) * ratePerNano);
    last = nowNanos;
    tokens -= n;
    if (tokens >= 0) {
      return 0;
    }
    // Until the balance is back to one token, so that the next request is served.
    return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano / 1e6));
  }

  /** True once refused requests have piled up beyond {@link Limits#MAX_DEBT_BURSTS} bursts. */
  public boolean overdrawn() {
    return tokens < -Limits.MAX_DEBT_BURSTS * capacity;
  }
}
