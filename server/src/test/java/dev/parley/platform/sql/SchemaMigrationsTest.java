package dev.parley.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration runner of both schemas (tested here, where a SQLite driver is on the class path;
 * the protocol module has only java.sql).
 */
class SchemaMigrationsTest {
  @TempDir Path dir;

  private Connection open(String name) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name));
  }

  private static final List<String> ONE = List.of("CREATE TABLE a (x INTEGER)");
  private static final List<String> TWO = List.of("ALTER TABLE a ADD COLUMN y INTEGER");

  @Test
  void aNewFileGetsEveryStepAndTheLatestVersion() throws Exception {
    try (Connection c = open("new.db")) {
      SchemaMigrations schema = new SchemaMigrations("test schema", List.of(ONE, TWO));
      schema.migrate(c, "this test");
      assertThat(SchemaMigrations.version(c)).isEqualTo(2).isEqualTo(schema.latest());
      assertThat(Sql.update(c, "INSERT INTO a(x, y) VALUES (?, ?)", 1, 2)).isEqualTo(1);
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void anOlderFileGetsOnlyTheStepsItLacks() throws Exception {
    try (Connection c = open("old.db")) {
      new SchemaMigrations("test schema", List.of(ONE)).migrate(c, "this test");
      Sql.update(c, "INSERT INTO a(x) VALUES (?)", 7);
      new SchemaMigrations("test schema", List.of(ONE, TWO)).migrate(c, "this test");
      assertThat(SchemaMigrations.version(c)).isEqualTo(2);
      int x = Sql.one(c, "SELECT x FROM a", rs -> rs.getInt(1));
      assertThat(x).isEqualTo(7);
    }
  }

  @Test
  void aFailingStepLeavesTheFileAtThePreviousVersion() throws Exception {
    try (Connection c = open("fail.db")) {
      List<String> broken = List.of("CREATE TABLE b (z INTEGER)", "NOT SQL AT ALL");
      SchemaMigrations schema = new SchemaMigrations("test schema", List.of(ONE, broken));
      assertThatThrownBy(() -> schema.migrate(c, "this test")).isInstanceOf(SQLException.class);
      assertThat(SchemaMigrations.version(c)).isEqualTo(1);
      // The failed step's first statement was rolled back with it.
      assertThat(Sql.exists(c, "SELECT 1 FROM sqlite_master WHERE name = ?", "b")).isFalse();
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void aNewerFileIsRefusedWithTheSubjectAndTheReader() throws Exception {
    try (Connection c = open("newer.db")) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA user_version = 5");
      }
      SchemaMigrations schema = new SchemaMigrations("history schema", List.of(ONE));
      assertThatThrownBy(() -> schema.migrate(c, "this app"))
          .isInstanceOf(SQLException.class)
          .hasMessage("history schema 5 is newer than this app");
      assertThat(SchemaMigrations.version(c)).isEqualTo(5);
    }
  }
}
