package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.testing.TestServer;
import java.nio.file.Files;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 8: one sender cannot fill a recipient's queue (others still reach them), a
 * recipient's queued bytes are bounded, and sends stop before the server's disk fills.
 */
class QueueSharesTest extends ServerTestBase {
  private static final int KIB = 1024;

  private void restart(UnaryOperator<ServerConfig.Builder> tweak) throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("shares"), tweak);
  }

  private RawClient user(String name) throws Exception {
    return connect().hello().register(name, PASSWORD);
  }

  private static JsonObject send(RawClient from, String msgId, int bytes) throws Exception {
    return from.call("send", "to", "bob", "msgId", msgId, "envelope", new byte[bytes]);
  }

  private static boolean ok(JsonObject answer) {
    return answer.get("type").getAsString().equals("ok");
  }

  @Test
  void aGreedySenderIsRefusedAtItsShareWhileOthersStillGetThrough() throws Exception {
    restart(b -> b.senderQueueShare(3, 1L << 20));
    RawClient alice = user("alice");
    RawClient carol = user("carol");
    user("bob").ok("logout");
    for (int i = 0; i < 3; i++) {
      assertThat(ok(send(alice, "a" + i, 100))).isTrue();
    }
    JsonObject refused = send(alice, "a3", 100);
    assertThat(AccountsTest.code(refused)).isEqualTo("queue_full");
    assertThat(ok(send(carol, "c0", 100))).isTrue();
    // A retry of an accepted message is still answered as the duplicate it is.
    JsonObject retry = send(alice, "a1", 100);
    assertThat(retry.get("duplicate").getAsBoolean()).isTrue();

    // Acknowledging frees the share.
    RawClient bob = connect().hello().login("bob", PASSWORD);
    JsonObject m = bob.event("message");
    bob.ok("ack", "from", m.get("from").getAsString(), "msgId", m.get("msgId").getAsString());
    assertThat(m.get("from").getAsString()).isEqualTo("alice");
    assertThat(ok(send(alice, "a3", 100))).isTrue();
    assertThat(AccountsTest.code(send(alice, "a4", 100))).isEqualTo("queue_full");

    // Deleting the recipient forgets its queue; a new bob starts empty.
    bob.close();
    assertThat(server.store().accounts().deleteUser("bob").get()).isTrue();
    user("bob").ok("logout");
    for (int i = 10; i < 13; i++) {
      assertThat(ok(send(alice, "a" + i, 100))).isTrue();
    }
  }

  @Test
  void queuedBytesAreBoundedPerSenderAndPerRecipientAcrossRestarts() throws Exception {
    UnaryOperator<ServerConfig.Builder> limits =
        b -> b.senderQueueShare(100, 10 * KIB).queueBytesLimit(14 * KIB);
    restart(limits);
    RawClient alice = user("alice");
    RawClient carol = user("carol");
    // Contacts of bob's, so the whole queue is theirs (StrangerQueuePoolTest covers the others).
    RawClient bobFirst = user("bob");
    bobFirst.ok("add_contact", "user", "alice");
    bobFirst.ok("add_contact", "user", "carol");
    bobFirst.ok("logout");
    assertThat(ok(send(alice, "a0", 4 * KIB))).isTrue();
    assertThat(ok(send(alice, "a1", 4 * KIB))).isTrue();
    assertThat(AccountsTest.code(send(alice, "a2", 4 * KIB))).isEqualTo("queue_full"); // 12 > 10
    assertThat(ok(send(alice, "a2", 2 * KIB))).isTrue(); // exactly 10 KiB
    assertThat(AccountsTest.code(send(carol, "c0", 5 * KIB))).isEqualTo("queue_full"); // 15 > 14
    assertThat(ok(send(carol, "c0", 3 * KIB))).isTrue(); // 13 KiB in all
    assertThat(AccountsTest.code(send(carol, "c1", 2 * KIB))).isEqualTo("queue_full");

    // The counts come back from the database after a restart.
    server.close();
    server = TestServer.start(dir.resolve("shares"), limits);
    alice = connect().hello().login("alice", PASSWORD);
    carol = connect().hello().login("carol", PASSWORD);
    assertThat(AccountsTest.code(send(alice, "a3", 1))).isEqualTo("queue_full");
    assertThat(AccountsTest.code(send(carol, "c1", 2 * KIB))).isEqualTo("queue_full");

    // Bob takes alice's first 4 KiB: carol's 2 KiB fit again, alice's share has 4 KiB free.
    RawClient bob = connect().hello().login("bob", PASSWORD);
    JsonObject m = bob.event("message");
    assertThat(m.get("msgId").getAsString()).isEqualTo("a0");
    bob.ok("ack", "from", "alice", "msgId", "a0");
    assertThat(ok(send(carol, "c1", 2 * KIB))).isTrue();
  }

  @Test
  void sendsAreRefusedBeforeTheDiskFillsWhileEverythingElseWorks() throws Exception {
    long usable = Files.getFileStore(dir).getUsableSpace();
    restart(b -> b.minFreeDiskBytes(usable + (1L << 40)));
    RawClient alice = user("alice");
    RawClient bob = user("bob");
    JsonObject refused = alice.call("send", "to", "bob", "msgId", "d0", "envelope", new byte[100]);
    assertThat(AccountsTest.code(refused)).isEqualTo("server_busy");
    assertThat(
            bob.nothing(
                f -> f.get("type").getAsString().equals("message"),
                java.time.Duration.ofMillis(300)))
        .isTrue();
    // Small bounded writes still work: contacts, logins.
    alice.ok("add_contact", "user", "bob");
    alice.ok("logout");
    alice.login("alice", PASSWORD);
    // An unknown recipient is still named as such (checked before the disk).
    assertThat(
            AccountsTest.code(
                alice.call("send", "to", "ghost", "msgId", "d1", "envelope", new byte[1])))
        .isEqualTo("unknown_user");
  }
}
