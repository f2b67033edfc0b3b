package dev.parley.server.store;

import dev.parley.platform.Futures;
import dev.parley.protocol.ProtocolException;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the writer thread's caches ({@link QueueCounters}, {@link KeysLowNotices}) true to the
 * database. They change inside a transaction's work; when a whole batch fails to commit (disk full,
 * I/O error) they no longer match the database, so they are dropped and reloaded on next use.
 * Refusals ({@link ProtocolException}) roll back nothing counted.
 */
final class CacheGuard {
  private final Database db;
  private final QueueCounters queues;
  private final KeysLowNotices notices;

  CacheGuard(Database db, QueueCounters queues, KeysLowNotices notices) {
    this.db = db;
    this.queues = queues;
    this.notices = notices;
  }

  /** {@code write}, after which the caches are dropped if it failed for other than a refusal. */
  <T> CompletableFuture<T> guard(CompletableFuture<T> write) {
    write.whenComplete(
        (r, e) -> {
          Throwable cause = Futures.unwrap(e);
          if (cause != null && !(cause instanceof ProtocolException)) {
            db.write(
                c -> {
                  queues.clear();
                  notices.clear();
                  return null;
                });
          }
        });
    return write;
  }
}
