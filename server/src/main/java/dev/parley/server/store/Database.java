package dev.parley.server.store;

import dev.parley.platform.PrivateFiles;
import dev.parley.platform.sql.StatementCache;
import dev.parley.protocol.ProtocolException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sqlite.SQLiteConfig;

/**
 * The server's SQLite file with one writer thread and one reader thread, so no network thread ever
 * waits on disk. The writer groups whatever work is queued into one transaction (synchronous=FULL),
 * and completes each piece of work only after that transaction committed: an answer that depends on
 * a write is never sent before the write is durable.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Database.class.getName());
  private static final int MAX_BATCH = 512;

  private record Task<T>(SqlWork<T> work, CompletableFuture<T> done, boolean light, int bytes) {}

  private static final Task<Void> STOP = new Task<>(c -> null, new CompletableFuture<>(), true, 0);

  /**
   * Work that the writer does with every batch, after its tasks and before the commit: a store that
   * keeps recent writes in memory (the relay) writes here what may no longer wait. Writer thread.
   */
  public interface CommitHook {
    /** Writes what is due at {@code nowNanos}; true when it changed the database. */
    boolean beforeCommit(Connection c, long nowNanos) throws SQLException;

    /** After the batch's commit (or its rollback when {@code committed} is false). */
    void afterCommit(boolean committed);

    /**
     * The {@link System#nanoTime} by which the writer must run a batch, or Long.MAX_VALUE. It may
     * change only through work the writer runs (the writer asks again after every batch, and
     * otherwise sleeps until the next task).
     */
    long nextDueNanos();
  }

  private static final CommitHook NO_HOOK =
      new CommitHook() {
        @Override
        public boolean beforeCommit(Connection c, long nowNanos) {
          return false;
        }

        @Override
        public void afterCommit(boolean committed) {}

        @Override
        public long nextDueNanos() {
          return Long.MAX_VALUE;
        }
      };

  private final Connection writeConnection;
  private final Connection readConnection;
  private final WriterQueue<Task<?>> writes = new WriterQueue<>(Task::bytes);
  private final Thread writer;
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(r -> daemon(r, "parley-db-reader"));
  private volatile boolean closed;
  private volatile CommitHook hook = NO_HOOK;
  private volatile Runnable afterBatch = () -> {};
  // Writer thread: whether the batch running touched the database (else it needs no commit).
  private boolean touched;

  private Database(Connection writeConnection, Connection readConnection) {
    this.writeConnection = writeConnection;
    this.readConnection = readConnection;
    this.writer = daemon(this::writeLoop, "parley-db-writer");
    writer.start();
  }

  /** Opens (creating and migrating as needed) the database file. */
  public static Database open(Path file) throws IOException {
    // Password hashes and the contact graph: private, created so before SQLite opens the file,
    // whose -wal and -shm files then take the same mode.
    PrivateFiles.file(file);
    PrivateFiles.tighten(Path.of(file + "-wal"));
    PrivateFiles.tighten(Path.of(file + "-shm"));
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(10_000);
      config.enforceForeignKeys(true);
      // Nothing reads generated keys (inserts use RETURNING); skip the extra query per insert.
      config.setGetGeneratedKeys(false);
      String url = "jdbc:sqlite:" + file.toAbsolutePath();
      Connection w = config.createConnection(url);
      Schema.migrate(w);
      w.setAutoCommit(false);
      Connection r = config.createConnection(url);
      return new Database(StatementCache.wrap(w), StatementCache.wrap(r));
    } catch (SQLException e) {
      throw new IOException("cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  /** Queues a write; completes after its transaction committed. */
  public <T> CompletableFuture<T> write(SqlWork<T> work) {
    return queue(work, false, 0);
  }

  /**
   * Queues work for the writer thread that runs without a savepoint of its own: it changes memory
   * only, or wraps what it writes in {@link #inSavepoint}, and calls {@link #touch} before any
   * statement. Completes after the batch it ran in committed.
   */
  public <T> CompletableFuture<T> writeLight(SqlWork<T> work) {
    return queue(work, true, 0);
  }

  /**
   * {@link #writeLight} for work that holds {@code bytes} of a client's data until it runs, which
   * {@link #backlogBytes} counts.
   */
  public <T> CompletableFuture<T> writeLight(SqlWork<T> work, int bytes) {
    return queue(work, true, bytes);
  }

  /** How many writes are queued and not yet taken by the writer thread; any thread. */
  public int backlog() {
    return writes.size();
  }

  /** The bytes the queued writes carry, as their callers counted them; any thread. */
  public long backlogBytes() {
    return writes.bytes();
  }

  /**
   * Runs {@code r} on the writer thread after each batch (replacing any set before); it must be
   * quick and must not wait.
   */
  public void afterEachBatch(Runnable r) {
    afterBatch = r;
  }

  private <T> CompletableFuture<T> queue(SqlWork<T> work, boolean light, int bytes) {
    CompletableFuture<T> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("database closed"));
      return done;
    }
    writes.add(new Task<>(work, done, light, bytes));
    return done;
  }

  /** Sets the one hook the writer runs with every batch (the relay's). */
  public void setCommitHook(CommitHook h) {
    hook = h;
  }

  /** Writer thread: the running batch uses the database, so it ends with a commit. */
  public void touch() {
    touched = true;
  }

  /**
   * Writer thread, inside light work: runs {@code work} in a savepoint, so a refusal or failure
   * undoes only what it wrote.
   */
  public <T> T inSavepoint(Connection c, SqlWork<T> work) throws SQLException, ProtocolException {
    touch();
    exec("SAVEPOINT task");
    try {
      T r = work.run(c);
      exec("RELEASE task");
      return r;
    } catch (ProtocolException | SQLException | RuntimeException e) {
      exec("ROLLBACK TO task");
      exec("RELEASE task");
      throw e;
    }
  }

  private void exec(String sql) throws SQLException {
    try (PreparedStatement s = writeConnection.prepareStatement(sql)) {
      s.execute();
    }
  }

  /** Runs a read on the reader thread (sees every committed write). */
  public <T> CompletableFuture<T> read(SqlWork<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    try {
      reader.execute(
          () -> {
            try {
              done.complete(work.run(readConnection));
            } catch (SQLException | ProtocolException | RuntimeException e) {
              done.completeExceptionally(e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      done.completeExceptionally(new IllegalStateException("database closed"));
    }
    return done;
  }

  private void writeLoop() {
    List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
    List<Object> results = new ArrayList<>(MAX_BATCH);
    boolean stopping = false;
    while (!stopping) {
      try {
        // Nothing queued: sleep until a task comes, or until the hook has something due.
        long due = hook.nextDueNanos();
        Task<?> first = writes.poll(due == Long.MAX_VALUE ? due : due - System.nanoTime());
        if (first != null) {
          batch.add(first);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      writes.drainTo(batch, MAX_BATCH - batch.size());
      if (batch.remove(STOP)) {
        stopping = true;
        writes.drainTo(batch, Integer.MAX_VALUE);
        batch.remove(STOP);
      }
      runBatch(batch, results, stopping);
      batch.clear();
      results.clear();
      try {
        afterBatch.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "an after-batch listener failed", e);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void runBatch(List<Task<?>> batch, List<Object> results, boolean last) {
    CommitHook h = hook;
    touched = false;
    try {
      for (Task<?> t : batch) {
        results.add(run(t));
      }
      // The last batch before closing writes everything the hook holds.
      if (h.beforeCommit(writeConnection, last ? Long.MAX_VALUE : System.nanoTime())) {
        touched = true;
      }
      if (touched) {
        writeConnection.commit();
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.SEVERE, "database commit failed; " + batch.size() + " writes refused", e);
      try {
        writeConnection.rollback();
      } catch (SQLException ignored) {
        // the connection is unusable; the futures below report the failure
      }
      afterCommit(h, false);
      for (Task<?> t : batch) {
        t.done().completeExceptionally(e);
      }
      return;
    }
    afterCommit(h, true);
    for (int i = 0; i < batch.size(); i++) {
      Task t = batch.get(i);
      Object r = results.get(i);
      if (r instanceof Failure f) {
        t.done().completeExceptionally(f.cause());
        continue;
      }
      t.done().complete(r);
    }
  }

  private static void afterCommit(CommitHook h, boolean committed) {
    try {
      h.afterCommit(committed);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a commit hook failed", e);
    }
  }

  private record Failure(Throwable cause) {}

  private Object run(Task<?> t) {
    try {
      return t.light() ? t.work().run(writeConnection) : inSavepoint(writeConnection, t.work());
    } catch (ProtocolException | SQLException | RuntimeException e) {
      if (!(e instanceof ProtocolException)) {
        LOG.log(Level.WARNING, "database write failed", e);
      }
      return new Failure(e);
    }
  }

  /** Finishes every queued write, then closes the file. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    writes.add(STOP);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.shutdown();
    try {
      reader.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(readConnection);
    closeQuietly(writeConnection);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closing the database failed", e);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
