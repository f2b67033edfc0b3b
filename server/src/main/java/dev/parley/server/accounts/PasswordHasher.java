package dev.parley.server.accounts;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt on a bounded worker pool: hashing never runs on a network thread, and when the queue is
 * full new requests are refused with {@code server_busy} instead of piling up.
 */
public final class PasswordHasher implements AutoCloseable {
  private final int cost;
  private final ThreadPoolExecutor pool;
  // Checked against unknown usernames so their answer takes as long as a real check.
  private final String dummyHash;

  /**
   * A hasher with {@code cost} log rounds, {@code threads} workers and a queue of {@code queue}.
   */
  public PasswordHasher(int cost, int threads, int queue) {
    this.cost = cost;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(r, "parley-bcrypt-" + n.incrementAndGet());
              t.setDaemon(true);
              t.setPriority(Thread.NORM_PRIORITY - 1);
              return t;
            });
    this.dummyHash = BCrypt.hashpw("not a password", BCrypt.gensalt(cost));
  }

  /** The bcrypt hash of {@code password} at the configured cost. */
  public CompletableFuture<String> hash(String password) {
    return submit(() -> BCrypt.hashpw(password, BCrypt.gensalt(cost)));
  }

  /** True when {@code password} matches {@code hash}; a null hash spends the same time, false. */
  public CompletableFuture<Boolean> verify(String password, String hash) {
    return submit(
        () -> {
          if (hash == null) {
            BCrypt.checkpw(password, dummyHash);
            return false;
          }
          try {
            return BCrypt.checkpw(password, hash);
          } catch (IllegalArgumentException corruptHash) {
            return false;
          }
        });
  }

  private <T> CompletableFuture<T> submit(Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work, pool);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new ProtocolException(ErrorCode.SERVER_BUSY, "The server is busy; try again shortly."));
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
