package dev.parley.server.net;

import dev.parley.protocol.Limits;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.store.Database;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shuts reading on every connection while the database's writer thread is behind: above a bound of
 * queued writes, or of the bytes they carry (the server's configuration; by default {@link
 * Limits#DEFAULT_WRITER_BACKLOG} and {@link Limits#DEFAULT_WRITER_BACKLOG_BYTES}), until half of
 * each is left. Without it, what a crowd of clients sends faster than the writer takes it queued up
 * in the heap without a bound, each piece holding its request: thousands of connections, each
 * allowed a burst of 4,000 requests of up to 64 KiB. Any thread.
 */
final class WriterGate {
  private static final Logger LOG = Logger.getLogger(WriterGate.class.getName());

  private final IntSupplier writes;
  private final LongSupplier bytes;
  private final int high;
  private final long highBytes;
  // What to run when the gate opens: each connection that stopped reading because of it.
  private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private volatile boolean shut;

  WriterGate(IntSupplier writes, LongSupplier bytes, int high, long highBytes) {
    this.writes = writes;
    this.bytes = bytes;
    this.high = high;
    this.highBytes = highBytes;
  }

  /** The gate over {@code db}'s writer, which opens it again after the batch that caught up. */
  static WriterGate over(Database db, ServerConfig config) {
    WriterGate g =
        new WriterGate(
            db::backlog, db::backlogBytes, config.writerBacklog(), config.writerBacklogBytes());
    db.afterEachBatch(g::caughtUp);
    return g;
  }

  /** True while no connection should read further requests. */
  boolean shut() {
    if (!shut) {
      if (writes.getAsInt() <= high && bytes.getAsLong() <= highBytes) {
        return false;
      }
      shut = true;
    }
    // Looked at again after shutting: the writer may have caught up in between, seen the gate
    // open and had nothing to release, and then gone to sleep with nothing queued.
    if (caughtUpNow()) {
      open();
      return false;
    }
    return true;
  }

  private boolean caughtUpNow() {
    return writes.getAsInt() <= high / 2 && bytes.getAsLong() <= highBytes / 2;
  }

  /** Runs {@code resume} once the gate is open (at once if it already is). */
  void park(Runnable resume) {
    waiting.add(resume);
    if (!shut) {
      open();
    }
  }

  /** After each of the writer's batches: opens the gate once half of each bound is left. */
  void caughtUp() {
    if (shut && caughtUpNow()) {
      open();
    }
  }

  private void open() {
    shut = false;
    Runnable r;
    while ((r = waiting.poll()) != null) {
      try {
        r.run();
      } catch (RuntimeException e) {
        // A connection whose event loop is shutting down: the others must still be resumed.
        LOG.log(Level.FINE, "a connection could not be resumed", e);
      }
    }
  }
}
