package dev.parley.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC helper over a real SQLite file. */
class SqlTest {
  @TempDir Path dir;
  private Connection c;

  @BeforeEach
  void table() throws Exception {
    c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
    Sql.update(c, "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, data BLOB)");
  }

  @Test
  void bindsInOrderAndMapsRows() throws Exception {
    assertThat(Sql.update(c, "INSERT INTO t(name, data) VALUES (?, ?)", "a", new byte[] {1, 2}))
        .isEqualTo(1);
    long id =
        Sql.one(
            c,
            "INSERT INTO t(name, data) VALUES (?, ?) RETURNING id",
            rs -> rs.getLong(1),
            "b",
            null);
    assertThat(id).isEqualTo(2);
    assertThat(Sql.list(c, "SELECT name FROM t ORDER BY id", rs -> rs.getString(1)))
        .containsExactly("a", "b");
    assertThat(Sql.first(c, "SELECT data FROM t WHERE name = ?", rs -> rs.getBytes(1), "a"))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
    assertThat(Sql.first(c, "SELECT data FROM t WHERE name = ?", rs -> rs.getBytes(1), "zz"))
        .isEmpty();
    assertThat(Sql.exists(c, "SELECT 1 FROM t WHERE id = ?", 2L)).isTrue();
    assertThat(Sql.exists(c, "SELECT 1 FROM t WHERE id = ?", 3L)).isFalse();
    assertThat(Sql.update(c, "DELETE FROM t WHERE name = ?", "nobody")).isZero();
  }

  @Test
  void oneRefusesAnEmptyResult() {
    assertThatThrownBy(() -> Sql.one(c, "SELECT id FROM t", rs -> rs.getLong(1)))
        .isInstanceOf(SQLException.class);
  }

  @Test
  void aBatchRunsEveryRowAndAnEmptyBatchNothing() throws Exception {
    Sql.batch(
        c,
        "INSERT INTO t(name) VALUES (?)",
        List.of(new Object[] {"x"}, new Object[] {"y"}, new Object[] {"z"}));
    Sql.batch(c, "INSERT INTO t(name) VALUES (?)", List.of());
    int rows = Sql.one(c, "SELECT COUNT(*) FROM t", rs -> rs.getInt(1));
    assertThat(rows).isEqualTo(3);
  }

  @Test
  void aFailingStatementThrowsAndTheConnectionStaysUsable() throws Exception {
    assertThatThrownBy(() -> Sql.update(c, "INSERT INTO missing(name) VALUES (?)", "a"))
        .isInstanceOf(SQLException.class);
    assertThat(Sql.update(c, "INSERT INTO t(name) VALUES (?)", "a")).isEqualTo(1);
  }
}
