package dev.parley.bench.load;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Waiting for a count to reach its goal while it still moves. */
final class Progress {
  private Progress() {}

  /**
   * Waits until {@code count} reaches {@code goal}; gives up when it has not changed for {@code
   * stall}. True when the goal was reached.
   */
  static boolean await(LongSupplier count, long goal, Duration stall) throws InterruptedException {
    long last = -1;
    long lastChange = System.nanoTime();
    while (true) {
      long now = count.getAsLong();
      if (now >= goal) {
        return true;
      }
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > stall.toNanos()) {
        return false;
      }
      Thread.sleep(5);
    }
  }
}
