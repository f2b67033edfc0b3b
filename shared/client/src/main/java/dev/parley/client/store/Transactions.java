package dev.parley.client.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for one account's database. The first write opens a unit of work and schedules its
 * commit {@link #COMMIT_DELAY_MILLIS} later on the client thread, so every write of the tasks that
 * run meanwhile shares one transaction and one fsync; a unit that grew past {@link #MAX_WRITES}
 * commits at the end of the task that made it so. Whatever must not happen before the data is
 * durable (an ack, a frame that carries a new ratchet step, a published prekey) waits for {@link
 * #committed()}; those waits complete in the order they were asked for. When anything fails, the
 * whole unit rolls back, {@code committed()} fails, and the in-memory state is read back from the
 * database (see {@code onRollback}), so nothing half-done is kept or acknowledged. Client thread
 * only.
 */
public final class Transactions {
  /** Writes after which a unit of work commits at the end of the current task. */
  public static final int MAX_WRITES = 512;

  /**
   * How long a unit of work stays open for more writes to join it: about one fsync. While the
   * client is busy, writes arriving meanwhile share the next commit instead of each paying for its
   * own; an idle client's single write waits this much longer.
   */
  public static final long COMMIT_DELAY_MILLIS = 3;

  /** Runs a task on the client thread after a delay. */
  @FunctionalInterface
  public interface Later {
    /** Runs {@code task} on the client thread after {@code delayMillis}. */
    void run(Runnable task, long delayMillis);
  }

  private static final Logger LOG = Logger.getLogger(Transactions.class.getName());

  /** Work that runs inside the transaction just before it commits (storing changed keys). */
  @FunctionalInterface
  public interface BeforeCommit {
    /** Writes what is still only in memory. */
    void run() throws SQLException;
  }

  private final Connection db;
  private final Later later;
  private final BeforeCommit beforeCommit;
  private final Runnable afterCommit;
  private final Runnable onRollback;
  // The open unit of work (null when none), and who waits for it, in the order they asked:
  // dependents of one CompletableFuture would run last-first.
  private Object unit;
  private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private int writes;

  /**
   * Units of work on {@code db}, committed by tasks {@code later} runs on the client thread. {@code
   * afterCommit} runs once a unit is durable, {@code onRollback} after one was rolled back.
   */
  public Transactions(
      Connection db,
      Later later,
      BeforeCommit beforeCommit,
      Runnable afterCommit,
      Runnable onRollback) {
    this.db = db;
    this.later = later;
    this.beforeCommit = beforeCommit;
    this.afterCommit = afterCommit;
    this.onRollback = onRollback;
  }

  /** Makes the next write part of the open unit of work, opening one if none is open. */
  public void join() throws SQLException {
    if (unit == null) {
      execute("BEGIN IMMEDIATE");
      unit = new Object();
      writes = 0;
      Object mine = unit;
      later.run(
          () -> {
            if (unit == mine) {
              commit();
            }
          },
          COMMIT_DELAY_MILLIS);
    }
    writes++;
  }

  /** True while a unit of work is open. */
  public boolean isOpen() {
    return unit != null;
  }

  /**
   * Completes once everything written so far is durable (at once when nothing is pending); fails
   * when it was rolled back instead.
   */
  public CompletableFuture<Void> committed() {
    if (unit == null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.add(f);
    return f;
  }

  /** Commits the open unit of work now; on failure it is rolled back. */
  public void commit() {
    if (unit == null) {
      return;
    }
    try {
      beforeCommit.run();
      execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      return;
    }
    unit = null;
    afterCommit.run();
    for (CompletableFuture<Void> f : takeWaiting()) {
      f.complete(null);
    }
  }

  private List<CompletableFuture<Void>> takeWaiting() {
    List<CompletableFuture<Void>> all = new ArrayList<>(waiting);
    waiting.clear();
    return all;
  }

  /**
   * Runs {@code batch} in a unit of work of its own and commits it: what others wrote before
   * commits first, so a batch that fails rolls back only itself. Returns true once the batch is
   * durable; false when it failed, was rolled back (keys read back, its waits failed) and nothing
   * of it is kept. A {@link LocalStoreException} or any other exception out of {@code batch} counts
   * as a failure.
   */
  public boolean commitAlone(Runnable batch) {
    commit();
    try {
      batch.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a batch could not be stored; nothing of it is kept", e);
      rollback(e);
      return false;
    }
    CompletableFuture<Void> done = committed();
    commit();
    return !done.isCompletedExceptionally();
  }

  /** Commits when the open unit of work is large (called at the end of every client task). */
  public void commitIfLarge() {
    if (unit != null && writes >= MAX_WRITES) {
      commit();
    }
  }

  /**
   * Rolls the open unit of work back because of {@code cause}: nothing of it is kept, nothing
   * waiting for it happens.
   */
  public void rollback(Throwable cause) {
    if (unit == null) {
      return;
    }
    unit = null;
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back by itself (disk full, I/O error).
      LOG.log(Level.FINE, "rollback after a failure", e);
    }
    onRollback.run();
    LocalStoreException failed =
        new LocalStoreException("the local database could not save: " + cause.getMessage(), cause);
    for (CompletableFuture<Void> f : takeWaiting()) {
      f.completeExceptionally(failed);
    }
  }

  private void execute(String sql) throws SQLException {
    // Prepared, not a plain Statement: the account's connection keeps it compiled.
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.execute();
    }
  }
}
