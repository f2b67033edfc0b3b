package dev.parley.server.net;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streams stored items (queued messages or receipts) to one connection in key order, then switches
 * to pushing new items directly as they are committed. While the connection is not writable it
 * pauses, even in the middle of a batch, so a client that stops reading cannot make the server
 * buffer its backlog (at most one item beyond the high water mark). Every method runs on the
 * connection's event loop.
 */
final class Drain<T> {
  private static final Logger LOG = Logger.getLogger(Drain.class.getName());
  private static final int BATCH = 256;

  /** Reads up to {@code limit} items with a key above {@code cursor}, in key order. */
  interface Source<T> {
    CompletableFuture<List<T>> after(long cursor, int limit);
  }

  /** The connection a drain writes to. */
  interface Outlet {
    /** True while the connection takes more data (below its high water mark). */
    boolean isWritable();

    /** Flushes what was written. */
    void flush();

    /** Runs {@code r} on the connection's event loop. */
    void onLoop(Runnable r);

    /** Closes the connection after a failure of the server's. */
    void closeWithInternalError();
  }

  private final Outlet conn;
  private final Source<T> source;
  private final ToLongFunction<T> key;
  private final Consumer<T> push;
  private long cursor;
  private boolean active = true;
  private boolean caughtUp;
  private boolean dirty;
  private boolean running;

  Drain(Outlet conn, Source<T> source, ToLongFunction<T> key, Consumer<T> push) {
    this.conn = conn;
    this.source = source;
    this.key = key;
    this.push = push;
  }

  /** Begins streaming what is stored. */
  void start() {
    pump();
  }

  /** Stops for good (logout or disconnect). */
  void stop() {
    active = false;
  }

  /** A newly committed item for this connection. */
  void offer(T item) {
    if (!active) {
      return;
    }
    if (caughtUp && conn.isWritable()) {
      if (key.applyAsLong(item) > cursor) {
        push.accept(item);
        cursor = key.applyAsLong(item);
        conn.flush();
      }
      return;
    }
    caughtUp = false;
    dirty = true;
    if (!running) {
      pump();
    }
  }

  /** The connection can take more data again. */
  void onWritable() {
    if (active && !caughtUp && !running) {
      pump();
    }
  }

  private void pump() {
    if (!active || !conn.isWritable()) {
      return;
    }
    running = true;
    dirty = false;
    source
        .after(cursor, BATCH)
        .whenComplete(
            (items, err) ->
                conn.onLoop(
                    () -> {
                      running = false;
                      if (!active) {
                        return;
                      }
                      if (err != null) {
                        LOG.log(Level.WARNING, "reading stored items failed", err);
                        conn.closeWithInternalError();
                        return;
                      }
                      for (T item : items) {
                        if (!conn.isWritable()) {
                          // The rest stays stored; onWritable reads it again from the cursor.
                          conn.flush();
                          return;
                        }
                        long k = key.applyAsLong(item);
                        if (k > cursor) {
                          push.accept(item);
                          cursor = k;
                        }
                      }
                      conn.flush();
                      if (items.size() == BATCH || dirty) {
                        pump();
                      } else {
                        caughtUp = true;
                      }
                    }));
  }
}
