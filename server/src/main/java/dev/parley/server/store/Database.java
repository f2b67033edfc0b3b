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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

  private record Task<T>(
      SqlWork<T> work, CompletableFuture<T> done, Consumer<? super T> committed) {}

  private static final Task<Void> STOP = new Task<>(c -> null, new CompletableFuture<>(), null);

  private final Connection writeConnection;
  private final Connection readConnection;
  private final BlockingQueue<Task<?>> writes = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(r -> daemon(r, "parley-db-reader"));
  private volatile boolean closed;

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
    return write(work, null);
  }

  /**
   * Queues a write; {@code committed} gets its result on the writer thread right after the commit,
   * in commit order, before the future completes. Notifications that must keep that order (what is
   * pushed to a recipient) go there: a stage chained on the future may run on whichever thread
   * attaches it, so two of them can swap.
   */
  public <T> CompletableFuture<T> write(SqlWork<T> work, Consumer<? super T> committed) {
    CompletableFuture<T> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("database closed"));
      return done;
    }
    writes.add(new Task<>(work, done, committed));
    return done;
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
        batch.add(writes.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      writes.drainTo(batch, MAX_BATCH - 1);
      if (batch.remove(STOP)) {
        stopping = true;
        writes.drainTo(batch);
        batch.remove(STOP);
      }
      runBatch(batch, results);
      batch.clear();
      results.clear();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void runBatch(List<Task<?>> batch, List<Object> results) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      for (Task<?> t : batch) {
        results.add(runOne(t));
      }
      writeConnection.commit();
    } catch (SQLException e) {
      LOG.log(Level.SEVERE, "database commit failed; " + batch.size() + " writes refused", e);
      try {
        writeConnection.rollback();
      } catch (SQLException ignored) {
        // the connection is unusable; the futures below report the failure
      }
      for (Task<?> t : batch) {
        t.done().completeExceptionally(e);
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Task t = batch.get(i);
      Object r = results.get(i);
      if (r instanceof Failure f) {
        t.done().completeExceptionally(f.cause());
        continue;
      }
      if (t.committed() != null) {
        try {
          t.committed().accept(r);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "a commit notification failed", e);
        }
      }
      t.done().complete(r);
    }
  }

  private record Failure(Throwable cause) {}

  private Object runOne(Task<?> t) throws SQLException {
    try (PreparedStatement s = writeConnection.prepareStatement("SAVEPOINT task")) {
      s.execute();
    }
    try {
      Object r = t.work().run(writeConnection);
      release();
      return r;
    } catch (ProtocolException | SQLException | RuntimeException e) {
      try (PreparedStatement s = writeConnection.prepareStatement("ROLLBACK TO task")) {
        s.execute();
      }
      release();
      if (!(e instanceof ProtocolException)) {
        LOG.log(Level.WARNING, "database write failed", e);
      }
      return new Failure(e);
    }
  }

  private void release() throws SQLException {
    try (PreparedStatement s = writeConnection.prepareStatement("RELEASE task")) {
      s.execute();
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
