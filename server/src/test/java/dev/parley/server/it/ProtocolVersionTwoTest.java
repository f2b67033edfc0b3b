package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Protocol version 2 on the real server (docs/decisions/0014): confirmations in lists and without
 * answers, receipts in the sender's {@code ok}; version 1 connections keep version 1's rules.
 */
class ProtocolVersionTwoTest extends ServerTestBase {
  private static byte[] env(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonArray refs(String from, String... msgIds) {
    JsonArray list = new JsonArray();
    for (String id : msgIds) {
      JsonObject m = new JsonObject();
      m.addProperty("from", from);
      m.addProperty("msgId", id);
      list.add(m);
    }
    return list;
  }

  /** An answer, or an error about a request without an id. */
  private static boolean isAnswer(JsonObject f) {
    return f.has("re") || f.get("type").getAsString().equals("error");
  }

  private static boolean isReceipt(JsonObject f) {
    return f.get("type").getAsString().equals("receipt");
  }

  /** Alice and Bob, each with the other as a contact, so every ack makes a receipt. */
  private RawClient[] pair(int aliceVersion, int bobVersion) throws Exception {
    RawClient alice = connect().hello(aliceVersion).register("alice", PASSWORD);
    RawClient bob = connect().hello(bobVersion).register("bob", PASSWORD);
    alice.ok("add_contact", "user", "bob");
    bob.ok("add_contact", "user", "alice");
    return new RawClient[] {alice, bob};
  }

  /** Alice sends m1; Bob, on version 2, acknowledges it unanswered. Returns the send's id. */
  private static String sendAcknowledged(RawClient alice, RawClient bob) throws Exception {
    String sent = alice.send("send", "to", "bob", "msgId", "m1", "envelope", env("hi"));
    assertThat(bob.event("message").get("msgId").getAsString()).isEqualTo("m1");
    bob.sendUnanswered("ack", "messages", refs("alice", "m1"));
    return sent;
  }

  @Test
  void theServerSpeaksVersionsOneAndTwoAndRefusesOthersClearly() throws Exception {
    assertThat(connect().ok("hello", "version", 2).get("version").getAsInt()).isEqualTo(2);
    assertThat(connect().ok("hello", "version", 1).get("version").getAsInt()).isEqualTo(1);
    RawClient future = connect();
    JsonObject refused = future.call("hello", "version", 3);
    assertThat(code(refused)).isEqualTo("unsupported_version");
    assertThat(refused.get("message").getAsString())
        .isEqualTo("This server speaks protocol versions 1 to 2.");
    assertThat(future.awaitClosed(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void theOkCarriesTheReceiptAndConfirmationsGoUnanswered() throws Exception {
    RawClient[] p = pair(2, 2);
    RawClient alice = p[0];
    RawClient bob = p[1];
    String sent = alice.send("send", "to", "bob", "msgId", "m1", "envelope", env("hi"));
    assertThat(bob.event("message").get("msgId").getAsString()).isEqualTo("m1");
    bob.sendUnanswered("ack", "messages", refs("Alice", "m1"));
    JsonObject ok = alice.answer(sent);
    assertThat(ok.get("type").getAsString()).isEqualTo("ok");
    JsonObject receipt = ok.getAsJsonObject("receipt");
    assertThat(receipt.get("status").getAsString()).isEqualTo("delivered");
    assertThat(receipt.get("rid").getAsLong()).isPositive();
    assertThat(receipt.get("at").getAsLong()).isGreaterThanOrEqualTo(ok.get("sentAt").getAsLong());
    JsonArray rids = new JsonArray();
    rids.add(receipt.get("rid").getAsLong());
    alice.sendUnanswered("ack_receipt", "rids", rids);
    // Neither confirmation is answered, and the receipt came only in the ok.
    assertThat(bob.nothing(ProtocolVersionTwoTest::isAnswer, Duration.ofMillis(300))).isTrue();
    assertThat(alice.nothing(ProtocolVersionTwoTest::isAnswer, Duration.ofMillis(300))).isTrue();
    assertThat(alice.nothing(ProtocolVersionTwoTest::isReceipt, Duration.ofMillis(300))).isTrue();
    // Both were taken: nothing comes again at the next logins, after the window has closed.
    alice.ok("logout");
    bob.ok("logout");
    Thread.sleep(1_500);
    alice.login("alice", PASSWORD);
    bob.login("bob", PASSWORD);
    assertThat(alice.nothing(ProtocolVersionTwoTest::isReceipt, Duration.ofMillis(500))).isTrue();
    assertThat(bob.nothing(f -> f.get("type").getAsString().equals("message"), Duration.ZERO))
        .isTrue();
  }

  @Test
  void oneAckTakesManyMessagesAndAnUnknownOneIsHarmless() throws Exception {
    RawClient[] p = pair(2, 2);
    RawClient alice = p[0];
    RawClient bob = p[1];
    for (int i = 0; i < 5; i++) {
      alice.send("send", "to", "bob", "msgId", "m" + i, "envelope", env("n" + i));
    }
    for (int i = 0; i < 5; i++) {
      assertThat(bob.event("message").get("msgId").getAsString()).isEqualTo("m" + i);
    }
    JsonObject answer =
        bob.call("ack", "messages", refs("alice", "m0", "m1", "m2", "m3", "m4", "never-sent"));
    assertThat(answer.get("type").getAsString()).isEqualTo("ok");
    bob.ok("logout");
    bob.login("bob", PASSWORD);
    assertThat(
            bob.nothing(f -> f.get("type").getAsString().equals("message"), Duration.ofSeconds(1)))
        .isTrue();
    // Each of the five sends was answered with its receipt.
    for (int i = 0; i < 5; i++) {
      JsonObject ok = alice.next(f -> f.has("re") && f.has("receipt"));
      assertThat(ok.get("type").getAsString()).isEqualTo("ok");
    }
  }

  @Test
  void aReceiptWhoseOkWasNotConfirmedComesAgainAtTheNextLogin() throws Exception {
    RawClient[] p = pair(2, 2);
    RawClient alice = p[0];
    String sent = sendAcknowledged(alice, p[1]);
    long rid = alice.answer(sent).getAsJsonObject("receipt").get("rid").getAsLong();
    alice.close(); // before confirming it
    server.close();
    server = TestServer.start(dir);
    RawClient again = connect().hello(2).login("alice", PASSWORD);
    JsonObject receipt = again.event("receipt");
    assertThat(receipt.get("rid").getAsLong()).isEqualTo(rid);
    assertThat(receipt.get("msgId").getAsString()).isEqualTo("m1");
    assertThat(receipt.get("to").getAsString()).isEqualTo("bob");
  }

  @Test
  void aRetryOfAHeldMessageIsAnsweredWithItsReceiptToo() throws Exception {
    RawClient[] p = pair(2, 2);
    RawClient alice = p[0];
    String original = alice.send("send", "to", "bob", "msgId", "m1", "envelope", env("hi"));
    String retry = sendAcknowledged(alice, p[1]);
    JsonObject first = alice.answer(original);
    JsonObject second = alice.answer(retry);
    assertThat(second.get("duplicate").getAsBoolean()).isTrue();
    assertThat(second.getAsJsonObject("receipt")).isEqualTo(first.getAsJsonObject("receipt"));
  }

  @Test
  void aVersionOneSenderStillGetsItsReceiptAsAnEvent() throws Exception {
    RawClient[] p = pair(1, 2);
    RawClient alice = p[0];
    String sent = sendAcknowledged(alice, p[1]);
    // As in version 1 always: the ok first, then the receipt as an event.
    JsonObject first = alice.next(f -> f.has("re") || isReceipt(f));
    assertThat(first.get("re").getAsString()).isEqualTo(sent);
    assertThat(first.has("receipt")).isFalse();
    assertThat(alice.event("receipt").get("msgId").getAsString()).isEqualTo("m1");
  }

  @Test
  void aListPaysTheRateLimitForEachElement() throws Exception {
    server.close();
    server = TestServer.start(dir, b -> b.requestRate(10, 20));
    RawClient bob = connect().hello(2).register("bob", PASSWORD);
    String[] ids = new String[100];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "m" + i;
    }
    // 100 confirmations in one line cost 100 requests: far over a burst of 20.
    bob.sendUnanswered("ack", "messages", refs("alice", ids));
    JsonObject refused = bob.next(f -> f.get("type").getAsString().equals("error"));
    assertThat(refused.get("code").getAsString()).isEqualTo("rate_limited");
    assertThat(refused.has("re")).isFalse();
    assertThat(refused.get("retryAfterMs").getAsLong()).isPositive();
  }

  @Test
  void versionOneKeepsItsRules() throws Exception {
    RawClient[] p = pair(2, 1);
    RawClient alice = p[0];
    RawClient bob = p[1];
    alice.send("send", "to", "bob", "msgId", "m1", "envelope", env("hi"));
    bob.event("message");
    bob.sendUnanswered("ack", "from", "alice", "msgId", "m1");
    JsonObject noId = bob.next(f -> f.get("type").getAsString().equals("error"));
    assertThat(noId.has("re")).isFalse();
    assertThat(noId.get("message").getAsString()).isEqualTo("Requests need an 'id'.");
    JsonObject list = bob.call("ack", "messages", refs("alice", "m1"));
    assertThat(code(list)).isEqualTo("bad_request");
    assertThat(list.get("message").getAsString()).isEqualTo("missing field 'from'");
    bob.ok("ack", "from", "alice", "msgId", "m1");
  }

  @Test
  void anUnansweredRequestThatFailsGetsAnErrorWithoutRe() throws Exception {
    RawClient anon = connect().hello(2);
    anon.sendUnanswered("ack", "messages", refs("alice", "m1"));
    JsonObject e = anon.next(f -> f.get("type").getAsString().equals("error"));
    assertThat(e.has("re")).isFalse();
    assertThat(e.get("code").getAsString()).isEqualTo("not_logged_in");
  }
}
