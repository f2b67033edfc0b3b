package dev.parley.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Lives in the client's tests: the protocol module has no SQLite driver to test it with.
class StatementCacheTest {
  @TempDir Path dir;
  private Connection db;

  @BeforeEach
  void open() throws SQLException {
    db = StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db")));
    Sql.update(db, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void theSameTextIsPreparedOnce() throws SQLException {
    PreparedStatement first = db.prepareStatement("SELECT v FROM t WHERE k = ?");
    first.close();
    PreparedStatement second = db.prepareStatement("SELECT v FROM t WHERE k = ?");
    second.close();
    assertThat(second).isSameAs(first);
    assertThat(db.prepareStatement("SELECT k FROM t")).isNotSameAs(first);
  }

  @Test
  void aReusedStatementRunsWithItsOwnArguments() throws SQLException {
    for (int k = 1; k <= 3; k++) {
      Sql.update(db, "INSERT INTO t(k, v) VALUES (?, ?)", k, "v" + k);
    }
    for (int k = 3; k >= 1; k--) {
      assertThat(Sql.first(db, "SELECT v FROM t WHERE k = ?", rs -> rs.getString(1), k))
          .contains("v" + k);
    }
    assertThat(Sql.first(db, "SELECT v FROM t WHERE k = ?", rs -> rs.getString(1), 9)).isEmpty();
    // A first row read and the rest left: the next use starts from the top again.
    assertThat(Sql.first(db, "SELECT v FROM t ORDER BY k", rs -> rs.getString(1))).contains("v1");
    assertThat(Sql.list(db, "SELECT v FROM t ORDER BY k", rs -> rs.getString(1)))
        .containsExactly("v1", "v2", "v3");
  }

  @Test
  void parametersDoNotCarryOverToTheNextUse() throws SQLException {
    Sql.update(db, "INSERT INTO t(k, v) VALUES (?, ?)", 1, "one");
    try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM t WHERE v IS ?")) {
      p.setString(1, "one");
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
    try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM t WHERE v IS ?");
        ResultSet rs = p.executeQuery()) {
      assertThat(rs.getInt(1)).as("an unbound parameter is NULL again").isZero();
    }
  }

  @Test
  void aTextInUseGetsAStatementOfItsOwn() throws SQLException {
    Sql.update(db, "INSERT INTO t(k, v) VALUES (1, 'a'), (2, 'b')");
    String sql = "SELECT v FROM t WHERE k >= ? ORDER BY k";
    try (PreparedStatement outer = db.prepareStatement(sql)) {
      outer.setInt(1, 1);
      try (ResultSet rs = outer.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(Sql.list(db, sql, r -> r.getString(1), 2)).containsExactly("b");
        assertThat(rs.getString(1)).isEqualTo("a");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("b");
      }
    }
  }

  @Test
  void cachedStatementsWorkAfterARollback() throws SQLException {
    Sql.update(db, "INSERT INTO t(k, v) VALUES (?, ?)", 1, "kept");
    Sql.update(db, "BEGIN IMMEDIATE");
    Sql.update(db, "INSERT INTO t(k, v) VALUES (?, ?)", 2, "rolled back");
    assertThat(Sql.list(db, "SELECT v FROM t ORDER BY k", rs -> rs.getString(1))).hasSize(2);
    Sql.update(db, "ROLLBACK");
    assertThat(Sql.list(db, "SELECT v FROM t ORDER BY k", rs -> rs.getString(1)))
        .containsExactly("kept");
    Sql.update(db, "INSERT INTO t(k, v) VALUES (?, ?)", 2, "again");
    assertThat(Sql.list(db, "SELECT v FROM t ORDER BY k", rs -> rs.getString(1)))
        .containsExactly("kept", "again");
  }

  @Test
  void aBatchDoesNotRepeatOnTheNextUse() throws SQLException {
    Sql.batch(db, "INSERT INTO t(v) VALUES (?)", List.of(new Object[] {"x"}, new Object[] {"y"}));
    Sql.batch(db, "INSERT INTO t(v) VALUES (?)", List.<Object[]>of(new Object[] {"z"}));
    assertThat(Sql.list(db, "SELECT v FROM t ORDER BY k", rs -> rs.getString(1)))
        .containsExactly("x", "y", "z");
  }

  @Test
  void aStatementGivenBackCannotBeUsed() throws SQLException {
    PreparedStatement p = db.prepareStatement("SELECT v FROM t");
    p.close();
    assertThat(p.isClosed()).isTrue();
    assertThatThrownBy(p::executeQuery).isInstanceOf(SQLException.class);
  }

  @Test
  void closingTheConnectionClosesTheStatements() throws SQLException {
    PreparedStatement p = db.prepareStatement("SELECT v FROM t");
    db.close();
    assertThat(p.isClosed()).isTrue();
    assertThatThrownBy(() -> db.prepareStatement("SELECT v FROM t"))
        .isInstanceOf(SQLException.class);
  }
}
