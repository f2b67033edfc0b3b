package dev.parley.client.runtime;

import dev.parley.platform.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread ({@code parley-client}) that owns all client state (docs/decisions/0002): public
 * methods hand their work to it, Netty threads hop over to it, and listeners are called on it, so
 * nothing in the client needs locks.
 */
public final class ClientThread implements Executor {
  private static final Logger LOG = Logger.getLogger(ClientThread.class.getName());

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "parley-client");
            t.setDaemon(true);
            return t;
          });

  private volatile Runnable afterEachTask = () -> {};

  /** Runs {@code task} on the client thread, after what is queued already. */
  @Override
  public void execute(Runnable task) {
    executor.execute(wrapped(task));
  }

  /** Runs {@code task} on the client thread after {@code delayMillis}. */
  public void schedule(Runnable task, long delayMillis) {
    executor.schedule(wrapped(task), delayMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code hook} on the client thread after every task (the account database commits a large
   * unit of work there, between tasks, never inside one).
   */
  public void afterEachTask(Runnable hook) {
    afterEachTask = hook;
  }

  private Runnable wrapped(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // The executor would drop it without a trace.
        LOG.log(Level.WARNING, "a task of the client thread failed", e);
      } finally {
        afterEachTask.run();
      }
    };
  }

  /**
   * Runs {@code work} on the client thread; the result completes with what its future completes
   * with (unwrapped from {@link CompletionException}), or fails at once when the client is closed.
   */
  public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      execute(
          () -> {
            try {
              work.get()
                  .whenComplete(
                      (v, e) -> {
                        if (e != null) {
                          result.completeExceptionally(Futures.unwrap(e));
                        } else {
                          result.complete(v);
                        }
                      });
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IllegalStateException("the client is closed"));
    }
    return result;
  }

  /** Stops taking work; what is queued still runs. */
  public void shutdown() {
    executor.shutdown();
  }
}
