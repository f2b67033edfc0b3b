package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.platform.sql.Sql;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer thread's batches: light work, savepoints inside it, and the commit hook. */
class DatabaseTest {
  @TempDir Path dir;

  private static void table(Database db) throws Exception {
    db.write(
            c -> {
              Sql.update(c, "CREATE TABLE t(v TEXT PRIMARY KEY)");
              return null;
            })
        .get(10, TimeUnit.SECONDS);
  }

  private long rows(String where) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aRefusedStepOfLightWorkUndoesOnlyItself() throws Exception {
    try (Database db = Database.open(dir.resolve("t.db"))) {
      table(db);
      assertThatThrownBy(
              () ->
                  db.writeLight(
                          c -> {
                            db.inSavepoint(
                                c, cc -> Sql.update(cc, "INSERT INTO t VALUES ('kept')"));
                            return db.inSavepoint(
                                c,
                                cc -> {
                                  Sql.update(cc, "INSERT INTO t VALUES ('undone')");
                                  throw new ProtocolException(ErrorCode.BAD_REQUEST, "no");
                                });
                          })
                      .get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ProtocolException.class);
    }
    assertThat(rows("WHERE v = 'kept'")).isEqualTo(1);
    assertThat(rows("WHERE v = 'undone'")).isZero();
  }

  @Test
  void theHookWritesInTheBatchAndHearsWhetherItsCommitHeld() throws Exception {
    List<Boolean> outcomes = new CopyOnWriteArrayList<>();
    AtomicBoolean failNext = new AtomicBoolean();
    List<String> due = new CopyOnWriteArrayList<>();
    try (Database db = Database.open(dir.resolve("t.db"))) {
      table(db);
      db.setCommitHook(
          new Database.CommitHook() {
            @Override
            public boolean beforeCommit(Connection c, long nowNanos) throws SQLException {
              if (due.isEmpty()) {
                return false;
              }
              for (String v : due) {
                Sql.update(c, "INSERT INTO t VALUES (?)", v);
              }
              if (failNext.getAndSet(false)) {
                throw new SQLException("disk gone");
              }
              return true;
            }

            @Override
            public void afterCommit(boolean committed) {
              if (!due.isEmpty()) {
                outcomes.add(committed);
                if (committed) {
                  due.clear();
                }
              }
            }

            @Override
            public long nextDueNanos() {
              return due.isEmpty() ? Long.MAX_VALUE : System.nanoTime();
            }
          });
      failNext.set(true);
      due.add("held");
      // The failed batch fails its tasks too, and writes none of the hook's rows.
      assertThatThrownBy(
              () ->
                  db.write(c -> Sql.update(c, "INSERT INTO t VALUES ('task')"))
                      .get(10, TimeUnit.SECONDS))
          .hasRootCauseMessage("disk gone");
      assertThat(rows("WHERE v = 'task'")).isZero();
      // Due work wakes the writer by itself: the next batch, with no task, writes it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!due.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(outcomes).containsExactly(false, true);
    }
    assertThat(rows("WHERE v = 'held'")).isEqualTo(1);
  }
}
