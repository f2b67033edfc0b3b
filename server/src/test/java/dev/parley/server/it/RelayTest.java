package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RelayTest extends ServerTestBase {

  @Override
  RawClient connect() throws Exception {
    return super.connect().hello();
  }

  static byte[] env(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(JsonObject message) {
    return new String(
        Base64.getDecoder().decode(message.get("envelope").getAsString()), StandardCharsets.UTF_8);
  }

  static boolean isMessage(JsonObject f) {
    return f.get("type").getAsString().equals("message");
  }

  @Test
  void onlineDeliveryAckAndDeliveredReceipt() throws Exception {
    RawClient alice = connect().register("alice", PASSWORD);
    RawClient bob = connect().register("bob", PASSWORD);
    bob.ok("add_contact", "user", "alice"); // receipts go to senders bob has added (§7)
    JsonObject ok = alice.ok("send", "to", "bob", "msgId", "m-1", "envelope", env("hello"));
    assertThat(ok.get("duplicate").getAsBoolean()).isFalse();
    assertThat(ok.get("sentAt").getAsLong()).isPositive();
    JsonObject m = bob.event("message");
    assertThat(m.get("from").getAsString()).isEqualTo("alice");
    assertThat(m.get("msgId").getAsString()).isEqualTo("m-1");
    assertThat(text(m)).isEqualTo("hello");
    bob.ok("ack", "from", "alice", "msgId", "m-1");
    JsonObject receipt = alice.event("receipt");
    assertThat(receipt.get("to").getAsString()).isEqualTo("bob");
    assertThat(receipt.get("msgId").getAsString()).isEqualTo("m-1");
    assertThat(receipt.get("status").getAsString()).isEqualTo("delivered");
    alice.ok("ack_receipt", "rid", receipt.get("rid").getAsLong());
    // An acknowledged message is gone: a new login delivers nothing.
    bob.ok("logout");
    bob.login("bob", PASSWORD);
    assertThat(bob.nothing(RelayTest::isMessage, Duration.ofMillis(500))).isTrue();
  }

  @Test
  void offlineDeliverySurvivesARestartExactlyOnceInOrder() throws Exception {
    RawClient alice = connect().register("alice", PASSWORD);
    RawClient bobFirst = connect().register("bob", PASSWORD);
    bobFirst.ok("add_contact", "user", "alice"); // receipts go to senders bob has added (§7)
    bobFirst.ok("logout");
    for (int i = 0; i < 30; i++) {
      alice.ok("send", "to", "bob", "msgId", "m" + i, "envelope", env("msg " + i));
    }
    clients.forEach(RawClient::close);
    clients.clear();
    server.close();
    server = TestServer.start(dir);
    RawClient bob = connect().login("bob", PASSWORD);
    for (int i = 0; i < 30; i++) {
      JsonObject m = bob.event("message");
      assertThat(text(m)).isEqualTo("msg " + i);
      bob.ok("ack", "from", "alice", "msgId", m.get("msgId").getAsString());
    }
    assertThat(bob.nothing(RelayTest::isMessage, Duration.ofMillis(500))).isTrue();
    // Alice gets her receipts when she comes back.
    RawClient alice2 = connect().login("alice", PASSWORD);
    for (int i = 0; i < 30; i++) {
      assertThat(alice2.event("receipt").get("msgId").getAsString()).isEqualTo("m" + i);
    }
  }

  @Test
  void unacknowledgedMessagesAreRedeliveredAtTheNextLogin() throws Exception {
    RawClient alice = connect().register("alice", PASSWORD);
    RawClient bob = connect().register("bob", PASSWORD);
    alice.ok("send", "to", "bob", "msgId", "x1", "envelope", env("not acked"));
    assertThat(text(bob.event("message"))).isEqualTo("not acked");
    bob.close();
    RawClient bob2 = connect().login("bob", PASSWORD);
    assertThat(text(bob2.event("message"))).isEqualTo("not acked");
  }

  @Test
  void aRetriedSendWithTheSameMsgIdIsDeliveredOnce() throws Exception {
    RawClient alice = connect().register("alice", PASSWORD);
    RawClient bob = connect().register("bob", PASSWORD);
    alice.ok("send", "to", "bob", "msgId", "dup", "envelope", env("once"));
    JsonObject again = alice.ok("send", "to", "bob", "msgId", "dup", "envelope", env("once"));
    assertThat(again.get("duplicate").getAsBoolean()).isTrue();
    assertThat(text(bob.event("message"))).isEqualTo("once");
    bob.ok("ack", "from", "alice", "msgId", "dup");
    alice.ok("send", "to", "bob", "msgId", "dup", "envelope", env("once"));
    assertThat(bob.nothing(RelayTest::isMessage, Duration.ofMillis(500))).isTrue();
  }

  @Test
  void sendErrors() throws Exception {
    RawClient alice = connect().register("alice", PASSWORD);
    assertThat(
            AccountsTest.code(
                alice.call("send", "to", "ghost", "msgId", "1", "envelope", env("x"))))
        .isEqualTo("unknown_user");
    assertThat(
            AccountsTest.code(
                alice.call("send", "to", "alice", "msgId", "1", "envelope", env("x"))))
        .isEqualTo("bad_request");
    connect().register("bob", PASSWORD);
    assertThat(
            AccountsTest.code(
                alice.call("send", "to", "bob", "msgId", "bad id!", "envelope", env("x"))))
        .isEqualTo("bad_request");
    assertThat(AccountsTest.code(alice.call("send", "to", "bob", "msgId", "1", "envelope", "%%%")))
        .isEqualTo("bad_request");
  }

  @Test
  void aFullQueueIsRefusedClearly() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("q"), b -> b.queueLimit(3));
    RawClient alice = connect().register("alice", PASSWORD);
    // A contact of bob's: the whole queue is open to it, not only the strangers' pool.
    RawClient bob = connect().register("bob", PASSWORD);
    bob.ok("add_contact", "user", "alice");
    bob.ok("logout");
    for (int i = 0; i < 3; i++) {
      alice.ok("send", "to", "bob", "msgId", "q" + i, "envelope", env("q"));
    }
    JsonObject full = alice.call("send", "to", "bob", "msgId", "q3", "envelope", env("q"));
    assertThat(AccountsTest.code(full)).isEqualTo("queue_full");
  }

  @Test
  void typingIsRelayedToOnlineUsersOnlyAndNeverStored() throws Exception {
    RawClient alice = connect().register("alice", PASSWORD);
    RawClient bob = connect().register("bob", PASSWORD);
    alice.ok("typing", "to", "bob", "envelope", env("opaque"));
    JsonObject t = bob.event("typing");
    assertThat(t.get("from").getAsString()).isEqualTo("alice");
    bob.ok("logout");
    alice.ok("typing", "to", "bob", "envelope", env("lost"));
    bob.login("bob", PASSWORD);
    assertThat(
            bob.nothing(f -> f.get("type").getAsString().equals("typing"), Duration.ofMillis(500)))
        .isTrue();
  }

  @Test
  void theDatabaseHoldsOnlyTheOpaqueEnvelope() throws Exception {
    RawClient alice = connect().register("alice", PASSWORD);
    connect().register("bob", PASSWORD).ok("logout");
    alice.ok("send", "to", "bob", "msgId", "s1", "envelope", env("ciphertext-bytes"));
    server.close();
    byte[] db = Files.readAllBytes(dir.resolve(ParleyServer.DATABASE_FILE));
    String raw = new String(db, StandardCharsets.ISO_8859_1);
    assertThat(raw).contains("ciphertext-bytes").doesNotContain(PASSWORD);
    server = TestServer.start(dir);
  }
}
