package dev.parley.bench.load;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a run's senders to a total rate: one thread sends for all of them, so each window's
 * messages still leave in order, spread evenly over the windows, each window still capped by how
 * many it may have unacknowledged. A message that could not go on time (its window full) goes as
 * soon as the window has room, so the rate is an upper bound, not a promise.
 */
final class Pacer {
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private Pacer() {}

  /**
   * Paces {@code windows} to {@code perSecond} messages a second in all, on a thread of its own.
   */
  static Thread start(List<SendWindow> windows, double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("a rate above 0 messages a second");
    }
    windows.forEach(SendWindow::pace);
    double perWindowPerNano = perSecond / windows.size() / 1e9;
    Thread t =
        new Thread(
            () -> {
              long start = System.nanoTime();
              while (!windows.stream().allMatch(SendWindow::finished)) {
                // The first message of each window goes at once, as an unpaced run's does.
                long due = 1 + (long) ((System.nanoTime() - start) * perWindowPerNano);
                for (SendWindow w : windows) {
                  w.sendUpTo(due);
                }
                LockSupport.parkNanos(TICK_NANOS);
              }
            },
            "pacer");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
