package dev.parley.server.accounts;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.limits.RemoteAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt on a bounded pool of worker threads, never on a network thread, shared fairly
 * (docs/PROTOCOL.md §5):
 *
 * <ul>
 *   <li>Work for existing accounts (logins, upgrades, password changes) is taken round robin by
 *       network (an IPv4 address, an IPv6 /64), then by address, then by account ({@link
 *       FairQueue}): however much one of them queues, another waits for at most one turn of each
 *       key with work, so a few accounts or addresses cannot starve everyone else's login.
 *   <li>Account creation waits in its own queue, round robin by network and address. While both
 *       kinds wait, at most {@link #EXISTING_TURNS_PER_CREATION} existing-account tasks start
 *       between two creations (creation is never starved, and never takes more than a bounded share
 *       while logins wait), and creation occupies at most all workers but one.
 *   <li>Each queue is bounded. When one is full, a newcomer takes the place of the newest task of
 *       the largest group (that task fails with {@code server_busy}); only a newcomer whose own
 *       group is the largest is refused. A flood fills its own share, not everyone's.
 * </ul>
 */
public final class PasswordHasher implements AutoCloseable {
  /** Which queue a piece of hashing work waits in. */
  public enum Priority {
    /** Logins, upgrades and password changes of accounts that exist. */
    EXISTING_ACCOUNT,
    /** Hashing the secret of a new account: a bounded share while existing-account work waits. */
    NEW_ACCOUNT
  }

  /**
   * Whose work a task is, for the round robin.
   *
   * @param network the requester's network ({@link RemoteAddress#network()})
   * @param address the requester's full address
   * @param account the account the work is for (the name tried, for a login)
   */
  public record Owner(String network, String address, String account) {
    /** Work of the server's own admin commands. */
    public static final Owner LOCAL = new Owner("local", "local", "local");

    /** The work of a request from {@code from} for {@code account}. */
    public static Owner of(RemoteAddress from, String account) {
      return new Owner(from.network(), from.address(), account);
    }

    List<String> existingPath() {
      return List.of(network, address, account);
    }

    List<String> creationPath() {
      return List.of(network, address);
    }
  }

  /**
   * While existing-account work and account creation both wait, this many existing-account tasks
   * may start between two creations: creation gets at least one start in {@code N + 1}.
   */
  public static final int EXISTING_TURNS_PER_CREATION = 3;

  private final int cost;
  private final int newAccountQueueLimit;
  private final int existingQueueLimit;
  private final int newAccountWorkers;
  private final List<Thread> workers = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final FairQueue<Task<?>> existing = new FairQueue<>(3);
  private final FairQueue<Task<?>> creation = new FairQueue<>(2);
  private int creationRunning;
  private int existingSinceCreation;
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

  /** The bcrypt hash of {@code secret} at the configured cost, as the admin's own work. */
  public CompletableFuture<String> hash(String secret, Priority priority) {
    return hash(secret, priority, Owner.LOCAL);
  }

  /** The bcrypt hash of {@code secret} at the configured cost, as {@code owner}'s work. */
  public CompletableFuture<String> hash(String secret, Priority priority, Owner owner) {
    return submit(priority, owner, () -> BCrypt.hashpw(secret, BCrypt.gensalt(cost)));
  }

  /** {@link #verify(String, String, Owner)} as the admin's own work. */
  public CompletableFuture<Boolean> verify(String secret, String hash) {
    return verify(secret, hash, Owner.LOCAL);
  }

  /**
   * True when {@code secret} matches {@code hash}; a null hash spends the same time and gives
   * false. Checks are always existing-account work: an unknown name must not be answered at another
   * pace.
   */
  public CompletableFuture<Boolean> verify(String secret, String hash, Owner owner) {
    return submit(
        Priority.EXISTING_ACCOUNT,
        owner,
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

  /** Runs {@code work} on the pool as {@code owner}'s work of {@code priority}. */
  <T> CompletableFuture<T> submit(Priority priority, Owner owner, Supplier<T> work) {
    Task<T> task = new Task<>(work, new CompletableFuture<>());
    boolean forExisting = priority == Priority.EXISTING_ACCOUNT;
    List<String> path = forExisting ? owner.existingPath() : owner.creationPath();
    Task<?> dropped = null;
    lock.lock();
    try {
      FairQueue<Task<?>> queue = forExisting ? existing : creation;
      int limit = forExisting ? existingQueueLimit : newAccountQueueLimit;
      if (closed) {
        return CompletableFuture.failedFuture(busy());
      }
      if (queue.size() >= limit) {
        dropped = queue.dropFor(path);
        if (dropped == null) {
          return CompletableFuture.failedFuture(busy());
        }
      }
      queue.add(path, task);
      ready.signalAll();
    } finally {
      lock.unlock();
    }
    if (dropped != null) {
      dropped.done().completeExceptionally(busy());
    }
    return task.done();
  }

  private static ProtocolException busy() {
    return new ProtocolException(ErrorCode.SERVER_BUSY, "The server is busy; try again shortly.");
  }

  private boolean creationMayStart() {
    return !creation.isEmpty() && creationRunning < newAccountWorkers;
  }

  private void work() {
    while (true) {
      Task<?> task;
      boolean forNewAccount;
      lock.lock();
      try {
        while (!closed && existing.isEmpty() && !creationMayStart()) {
          ready.awaitUninterruptibly();
        }
        if (closed) {
          return;
        }
        forNewAccount =
            creationMayStart()
                && (existing.isEmpty() || existingSinceCreation >= EXISTING_TURNS_PER_CREATION);
        if (forNewAccount) {
          task = creation.poll();
          creationRunning++;
          existingSinceCreation = 0;
        } else {
          task = existing.poll();
          if (!creation.isEmpty()) {
            existingSinceCreation++;
          }
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
      dropped.addAll(existing.drain());
      dropped.addAll(creation.drain());
      ready.signalAll();
    } finally {
      lock.unlock();
    }
    dropped.forEach(t -> t.done().completeExceptionally(busy()));
  }
}
