package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  @Test
  void commitNotificationsComeInCommitOrderBeforeTheFutureCompletes() throws Exception {
    try (Database db = Database.open(dir.resolve("t.db"))) {
      db.write(
              c -> {
                try (PreparedStatement p =
                    c.prepareStatement(
                        "CREATE TABLE t(seq INTEGER PRIMARY KEY AUTOINCREMENT, who TEXT)")) {
                  p.execute();
                }
                return null;
              })
          .get(10, TimeUnit.SECONDS);
      List<Long> heard = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<Long>> all = Collections.synchronizedList(new ArrayList<>());
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String who = "w" + w;
        Thread t =
            new Thread(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    CompletableFuture<Long>[] self = new CompletableFuture[1];
                    self[0] =
                        db.write(
                            c -> {
                              try (PreparedStatement p =
                                  c.prepareStatement(
                                      "INSERT INTO t(who) VALUES (?) RETURNING seq")) {
                                p.setString(1, who);
                                try (ResultSet rs = p.executeQuery()) {
                                  rs.next();
                                  return rs.getLong(1);
                                }
                              }
                            },
                            seq -> {
                              heard.add(seq);
                            });
                    all.add(self[0]);
                  }
                });
        writers.add(t);
        t.start();
      }
      for (Thread t : writers) {
        t.join();
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertThat(heard).hasSize(2000).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void theNotificationRunsBeforeTheFutureCompletes() throws Exception {
    try (Database db = Database.open(dir.resolve("u.db"))) {
      boolean[] notified = new boolean[1];
      boolean seenFirst =
          db.write(c -> 42, r -> notified[0] = true)
              .thenApply(r -> notified[0])
              .get(10, TimeUnit.SECONDS);
      assertThat(seenFirst).isTrue();
    }
  }
}
