package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An independent review of issue 12 item 8 found that five accounts (well within the default 10
 * registrations per address per hour) filled an offline user's queue: the recipient's 64 MiB were
 * just over four senders' 16 MiB shares, and every other sender then got {@code queue_full} until
 * the victim logged in. Now all senders the recipient has not added as contacts share one smaller
 * pool of its queue (a quarter by default), so strangers together can never lock its contacts out.
 */
class StrangerQueuePoolTest extends ServerTestBase {
  private static final int ENVELOPE = 47 * 1024;

  private static boolean ok(JsonObject answer) {
    return answer.get("type").getAsString().equals("ok");
  }

  private static JsonObject send(RawClient from, String to, String msgId, int bytes)
      throws Exception {
    return from.call("send", "to", to, "msgId", msgId, "envelope", new byte[bytes]);
  }

  @Test
  void fiveFreshAccountsFromOneAddressDoNotLockAnOfflineUsersContactsOut() throws Exception {
    server.close();
    // Default queue bounds; registrations as limited as by default.
    server = TestServer.start(dir.resolve("sybil"), b -> b.registrationsPerAddress(10));
    RawClient bobFirst = connectFrom("127.0.0.3").hello().register("bob", PASSWORD);
    RawClient carol = connectFrom("127.0.0.2").hello().register("carol", PASSWORD);
    bobFirst.ok("add_contact", "user", "carol");
    bobFirst.ok("logout");

    long accepted = 0; // bytes
    List<RawClient> sybils = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      sybils.add(connect().hello().register("mallory" + s, PASSWORD));
    }
    for (int s = 0; s < 5; s++) {
      RawClient m = sybils.get(s);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 360; i++) {
        ids.add(
            m.send(
                "send", "to", "bob", "msgId", "m" + s + "x" + i, "envelope", new byte[ENVELOPE]));
      }
      for (String id : ids) {
        if (ok(m.answer(id))) {
          accepted += ENVELOPE;
        }
      }
    }
    // The last one tops the queue up to the byte with ever smaller envelopes.
    RawClient last = sybils.get(4);
    int n = 0;
    for (int size = ENVELOPE; size >= 1; ) {
      if (ok(send(last, "bob", "fill" + n++, size))) {
        accepted += size;
      } else {
        size /= 2;
      }
    }
    assertThat(accepted)
        .as("what five strangers queued for bob: at most the strangers' pool, 16 MiB")
        .isLessThanOrEqualTo(16L << 20);
    JsonObject fromCarol = send(carol, "bob", "hello-bob", 200);
    assertThat(fromCarol.get("type").getAsString())
        .as("a contact's 200-byte message to offline bob: %s", fromCarol)
        .isEqualTo("ok");
  }

  @Test
  void theStrangersPoolFollowsWhomTheRecipientHasAddedAcrossRestarts() throws Exception {
    server.close();
    var limits =
        (java.util.function.UnaryOperator<dev.parley.server.config.ServerConfig.Builder>)
            b -> b.queueLimit(8).strangerQueueMessages(3).senderQueueShare(6, 1L << 20);
    server = TestServer.start(dir.resolve("pool"), limits);
    RawClient bob = connect().hello().register("bob", PASSWORD);
    RawClient carol = connect().hello().register("carol", PASSWORD);
    RawClient mallory = connect().hello().register("mallory", PASSWORD);
    RawClient trent = connect().hello().register("trent", PASSWORD);
    bob.ok("add_contact", "user", "carol");
    bob.ok("logout");

    for (int i = 0; i < 3; i++) {
      assertThat(ok(send(mallory, "bob", "m" + i, 10))).isTrue();
    }
    JsonObject poolFull = send(trent, "bob", "t0", 10);
    assertThat(AccountsTest.code(poolFull)).isEqualTo("queue_full");
    assertThat(poolFull.get("message").getAsString()).contains("has not added");
    // A contact uses the rest of the queue, beyond the pool.
    for (int i = 0; i < 5; i++) {
      assertThat(ok(send(carol, "bob", "c" + i, 10))).as("carol's %d", i).isTrue();
    }
    assertThat(AccountsTest.code(send(carol, "bob", "c5", 10))).isEqualTo("queue_full");

    // Bob adds mallory and removes carol: mallory's three leave the pool, carol's five join it.
    RawClient bob2 = connect().hello().login("bob", PASSWORD);
    bob2.ok("add_contact", "user", "mallory");
    bob2.ok("remove_contact", "user", "carol");
    bob2.ok("logout");
    assertStandings(trent, mallory);

    // After a restart the counts come back from the database with each sender's standing.
    server.close();
    server = TestServer.start(dir.resolve("pool"), limits);
    trent = connect().hello().login("trent", PASSWORD);
    mallory = connect().hello().login("mallory", PASSWORD);
    assertStandings(trent, mallory);

    // Bob receives everything: the pool and the queue are free again.
    bob = connect().hello().login("bob", PASSWORD);
    for (int i = 0; i < 8; i++) {
      JsonObject m = bob.event("message");
      bob.ok("ack", "from", m.get("from").getAsString(), "msgId", m.get("msgId").getAsString());
    }
    bob.ok("logout");
    for (int i = 1; i < 4; i++) {
      assertThat(ok(send(trent, "bob", "t" + i, 10))).isTrue();
    }
    assertThat(AccountsTest.code(send(trent, "bob", "t4", 10))).isEqualTo("queue_full");
    assertThat(ok(send(mallory, "bob", "m10", 10))).as("a contact, past the full pool").isTrue();
  }

  /** Carol's five now fill the pool (a stranger is told so); the queue's total stops mallory. */
  private static void assertStandings(RawClient stranger, RawClient contact) throws Exception {
    JsonObject pool = send(stranger, "bob", "t0", 10);
    assertThat(AccountsTest.code(pool)).isEqualTo("queue_full");
    assertThat(pool.get("message").getAsString()).contains("has not added");
    JsonObject total = send(contact, "bob", "m9", 10);
    assertThat(AccountsTest.code(total)).isEqualTo("queue_full");
    assertThat(total.get("message").getAsString()).contains("too many undelivered");
  }
}
