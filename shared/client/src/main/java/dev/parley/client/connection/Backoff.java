package dev.parley.client.connection;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next reconnection attempt: doubling from 250 ms up to a maximum, with
 * jitter (half the step is random) so clients that lost the same server do not return at once.
 * Client thread only.
 */
public final class Backoff {
  private static final long FIRST_STEP_MILLIS = 250;
  private static final int MAX_DOUBLINGS = 10;

  private final long maxMillis;
  private int attempts;

  /** A backoff whose waits never exceed {@code maxMillis}. */
  public Backoff(long maxMillis) {
    this.maxMillis = maxMillis;
  }

  /** The wait before the next attempt; each call counts one attempt. */
  public long nextDelayMillis() {
    long base = Math.min(maxMillis, FIRST_STEP_MILLIS << Math.min(attempts, MAX_DOUBLINGS));
    attempts++;
    return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  /** A connection worked: the next loss starts from the first step again. */
  public void reset() {
    attempts = 0;
  }
}
