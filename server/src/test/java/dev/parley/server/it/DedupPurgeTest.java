package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.protocol.Limits;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The table that turns retried sends into duplicates forgets entries older than the retention
 * period while the server runs, not only at start, so it stays bounded.
 */
class DedupPurgeTest extends ServerTestBase {
  private static final long DAY = 24L * 3600 * 1000;

  @Test
  void aRunningServerForgetsExpiredSendIds() throws Exception {
    server.close();
    server =
        TestServer.start(dir.resolve("purge"), b -> b.seenPurgeInterval(Duration.ofMillis(200)));
    connect().hello().register("alice", PASSWORD).close();
    connect().hello().register("bob", PASSWORD).close();
    server.close();
    // Plant two remembered sends into the stopped server's database, as an older run would have
    // left them: one that expires a moment after the restart, one well within the retention.
    long now = System.currentTimeMillis();
    try (Connection db =
        DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve("purge").resolve(ParleyServer.DATABASE_FILE))) {
      try (PreparedStatement p =
          db.prepareStatement("INSERT INTO seen(sender, msg_id, seen_at) VALUES (?, ?, ?)")) {
        p.setString(1, "alice");
        p.setString(2, "expired");
        p.setLong(3, now - Limits.DEDUP_RETENTION_MILLIS + 5_000);
        p.executeUpdate();
        p.setString(2, "recent");
        p.setLong(3, now - DAY);
        p.executeUpdate();
      }
    }
    server =
        TestServer.start(dir.resolve("purge"), b -> b.seenPurgeInterval(Duration.ofMillis(200)));
    RawClient alice = connect().hello().login("alice", PASSWORD);
    // Still remembered right after the start (the purge at start keeps it).
    assertThat(send(alice, "expired").get("duplicate").getAsBoolean()).isTrue();
    // Without a restart the expired one is forgotten within a few purge periods: sending that
    // id again is then a new message.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    boolean duplicate = true;
    int attempts = 0;
    while (duplicate && System.nanoTime() < deadline) {
      attempts++;
      duplicate = send(alice, "expired").get("duplicate").getAsBoolean();
      if (duplicate) {
        Thread.sleep(100);
      }
    }
    System.out.printf("DedupPurgeTest: expired id forgotten after %d attempts%n", attempts);
    assertThat(duplicate).as("the expired entry was never purged").isFalse();
    // The recent one is still remembered.
    assertThat(send(alice, "recent").get("duplicate").getAsBoolean()).isTrue();
  }

  private static JsonObject send(RawClient c, String msgId) throws Exception {
    return c.ok("send", "to", "bob", "msgId", msgId, "envelope", new byte[] {7});
  }
}
