package dev.parley.server.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Token buckets by key (a username), shared by every connection and thread-safe. A bucket that has
 * refilled completely is the same as no bucket, so such buckets are dropped whenever the map has
 * doubled since the last sweep: memory stays proportional to the keys used within one refill
 * period.
 */
public final class KeyedRateLimiter {
  private static final int MIN_SWEEP = 1024;

  private static final class Bucket {
    double tokens;
    long last;
    boolean dropped;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  private final double ratePerNano;
  private final double burst;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicInteger sweepAt = new AtomicInteger(MIN_SWEEP);

  /** {@code perMinute} tokens a minute, at most {@code burst} saved up, per key. */
  public KeyedRateLimiter(int perMinute, int burst) {
    if (perMinute < 1 || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.ratePerNano = perMinute / 60e9;
    this.burst = burst;
  }

  /** Takes a token for {@code key}: 0 when granted, else the milliseconds until one will be. */
  public long take(String key, long nowNanos) {
    while (true) {
      Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
      long wait;
      synchronized (b) {
        if (b.dropped) {
          continue; // swept meanwhile: use the fresh one
        }
        b.tokens = Math.min(burst, b.tokens + Math.max(0, nowNanos - b.last) * ratePerNano);
        b.last = Math.max(b.last, nowNanos);
        if (b.tokens >= 1) {
          b.tokens -= 1;
          wait = 0;
        } else {
          wait = Math.max(1, (long) Math.ceil((1 - b.tokens) / ratePerNano / 1e6));
        }
      }
      sweepIfGrown(nowNanos);
      return wait;
    }
  }

  /** True when a token for {@code key} was available (and taken). */
  public boolean tryTake(String key, long nowNanos) {
    return take(key, nowNanos) == 0;
  }

  /** Keys currently remembered. */
  int size() {
    return buckets.size();
  }

  private void sweepIfGrown(long nowNanos) {
    int at = sweepAt.get();
    if (buckets.size() < at || !sweepAt.compareAndSet(at, Integer.MAX_VALUE)) {
      return;
    }
    buckets.forEach(
        (k, b) -> {
          synchronized (b) {
            if (b.tokens + Math.max(0, nowNanos - b.last) * ratePerNano >= burst) {
              b.dropped = true;
              buckets.remove(k, b);
            }
          }
        });
    sweepAt.set(Math.max(MIN_SWEEP, 2 * buckets.size()));
  }
}
