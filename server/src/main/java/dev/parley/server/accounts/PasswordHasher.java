package dev.parley.server.accounts;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt on a bounded pool of worker threads, never on a network thread. Work for existing accounts
 * (logins, password changes) always goes ahead of account creation, and creation may occupy at most
 * all workers but one, so a flood of registrations never makes a login wait for more than the
 * hashes already running. Each of the two queues is bounded; when one is full new work of that kind
 * is refused with {@code server_busy} instead of piling up.
 */
public final class PasswordHasher implements AutoCloseable {
  /** Which queue a piece of hashing work waits in. */
  public enum Priority {
    /** Logins, upgrades and password changes of accounts that exist: served first. */
    EXISTING_ACCOUNT,
    /** Hashing the secret of a new account: served when no existing-account work waits. */
    NEW_ACCOUNT
  }

  private final int cost;
  private final int newAccountQueueLimit;
  private final int existingQueueLimit;
  private final int newAccountWorkers;
  private final List<Thread> workers = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<Task<?>> existing = new ArrayDeque<>();
  private final ArrayDeque<Task<?>> creation = new ArrayDeque<>();
  private int creationRunning;
  private boolean closed;
  // Checked against unknown usernames so their answer takes as long as a real check.
  private final String dummyHash;

  private record Task<T>(Supplier<T> work, CompletableFuture<T> done) {
    void run() {
      try {
        done.complete(work.get());
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }
  }

  /**
   * A hasher with {@code cost} log rounds and {@code threads} workers; up to {@code queue} pieces
   * of existing-account work wait, and up to a quarter of that (at least one) of new-account work.
   */
  public PasswordHasher(int cost, int threads, int queue) {
    if (threads < 1 || queue < 1) {
      throw new IllegalArgumentException("threads and queue must be positive");
    }
    this.cost = cost;
    this.existingQueueLimit = queue;
    this.newAccountQueueLimit = Math.max(1, queue / 4);
    this.newAccountWorkers = Math.max(1, threads - 1);
    this.dummyHash = BCrypt.hashpw("not a password", BCrypt.gensalt(cost));
    for (int i = 1; i <= threads; i++) {
      Thread t = new Thread(this::work, "parley-bcrypt-" + i);
      t.setDaemon(true);
      t.setPriority(Thread.NORM_PRIORITY - 1);
      workers.add(t);
      t.start();
    }
  }

  /** The bcrypt hash of {@code secret} at the configured cost. */
  public CompletableFuture<String> hash(String secret, Priority priority) {
    return submit(priority, () -> BCrypt.hashpw(secret, BCrypt.gensalt(cost)));
  }

  /**
   * True when {@code secret} matches {@code hash}; a null hash spends the same time and gives
   * false. Checks are always existing-account work: an unknown name must not be answered at another
   * pace.
   */
  public CompletableFuture<Boolean> verify(String secret, String hash) {
    return submit(
        Priority.EXISTING_ACCOUNT,
        () -> {
          if (hash == null) {
            BCrypt.checkpw(secret, dummyHash);
            return false;
          }
          try {
            return BCrypt.checkpw(secret, hash);
          } catch (IllegalArgumentException corruptHash) {
            return false;
          }
        });
  }

  private <T> CompletableFuture<T> submit(Priority priority, Supplier<T> work) {
    Task<T> task = new Task<>(work, new CompletableFuture<>());
    lock.lock();
    try {
      ArrayDeque<Task<?>> queue = priority == Priority.EXISTING_ACCOUNT ? existing : creation;
      int limit = priority == Priority.EXISTING_ACCOUNT ? existingQueueLimit : newAccountQueueLimit;
      if (closed || queue.size() >= limit) {
        return CompletableFuture.failedFuture(busy());
      }
      queue.addLast(task);
      ready.signalAll();
    } finally {
      lock.unlock();
    }
    return task.done();
  }

  private static ProtocolException busy() {
    return new ProtocolException(ErrorCode.SERVER_BUSY, "The server is busy; try again shortly.");
  }

  private void work() {
    while (true) {
      Task<?> task;
      boolean forNewAccount;
      lock.lock();
      try {
        while (!closed
            && existing.isEmpty()
            && (creation.isEmpty() || creationRunning >= newAccountWorkers)) {
          ready.awaitUninterruptibly();
        }
        if (closed) {
          return;
        }
        task = existing.pollFirst();
        forNewAccount = task == null;
        if (forNewAccount) {
          task = creation.pollFirst();
          creationRunning++;
        }
      } finally {
        lock.unlock();
      }
      try {
        task.run();
      } finally {
        if (forNewAccount) {
          lock.lock();
          try {
            creationRunning--;
            ready.signalAll();
          } finally {
            lock.unlock();
          }
        }
      }
    }
  }

  /** Stops the workers; work still queued fails with {@code server_busy}. */
  @Override
  public void close() {
    List<Task<?>> dropped = new ArrayList<>();
    lock.lock();
    try {
      closed = true;
      dropped.addAll(existing);
      dropped.addAll(creation);
      existing.clear();
      creation.clear();
      ready.signalAll();
    } finally {
      lock.unlock();
    }
    dropped.forEach(t -> t.done().completeExceptionally(busy()));
  }
}
