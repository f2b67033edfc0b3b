package dev.parley.server.testing;

import java.time.Duration;

/** Waits for a condition instead of sleeping for a guessed time. */
public final class Eventually {
  private static final long POLL_MILLIS = 10;

  private Eventually() {}

  /** A condition to poll; it may fail with any exception, which fails the wait. */
  @FunctionalInterface
  public interface Condition {
    /** True once what is waited for has happened. */
    boolean holds() throws Exception;
  }

  /** Returns once {@code condition} holds; fails with {@code what} after {@code timeout}. */
  public static void await(String what, Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
