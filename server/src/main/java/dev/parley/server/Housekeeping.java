package dev.parley.server;

import dev.parley.server.relay.RelayEngine;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Periodic upkeep of the store while the server runs: forgets (sender, msgId) pairs past their
 * retention, at start and then every period, so the de-duplication table stays bounded. The timer
 * has its own thread and only queues the work, which runs on the database writer; it never runs on
 * a network thread.
 */
final class Housekeeping implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  private final RelayEngine store;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "parley-housekeeping");
            t.setDaemon(true);
            return t;
          });

  private Housekeeping(RelayEngine store) {
    this.store = store;
  }

  /** Purges now, then every {@code period} (each run after the previous one finished). */
  static Housekeeping start(RelayEngine store, Duration period) {
    Housekeeping h = new Housekeeping(store);
    h.timer.scheduleWithFixedDelay(h::purgeSeen, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return h;
  }

  private void purgeSeen() {
    try {
      int forgotten = store.purgeSeen(System.currentTimeMillis()).join();
      if (forgotten > 0) {
        LOG.info("forgot " + forgotten + " expired message ids");
      }
    } catch (CompletionException | IllegalStateException e) {
      // Logged, not thrown: a thrown exception would cancel every later run.
      LOG.log(Level.WARNING, "purging expired message ids failed", e);
    }
  }

  /** Stops the timer (before the database closes). */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
