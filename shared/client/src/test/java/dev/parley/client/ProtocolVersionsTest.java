package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.DeliveryState;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client core on both protocol versions, watched through the proxy (docs/decisions/0014): on
 * version 2 its confirmations go without ids and its receipt may come in the send's answer; a
 * server that speaks only version 1 gets version 1's frames, and delivery states still advance.
 */
class ProtocolVersionsTest extends BehindHostileServerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static boolean is(JsonObject f, String type) {
    return f.has("type") && f.get("type").getAsString().equals(type);
  }

  private TestUser[] contacts() {
    TestUser alice = user("alice").register();
    TestUser bob = user("bob").register();
    TestUser.await(alice.client.addContact("bob"));
    TestUser.await(bob.client.addContact("alice"));
    return new TestUser[] {alice, bob};
  }

  /** Alice's text reaches Bob, and her client shows it delivered. */
  private static void delivered(TestUser alice, TestUser bob) {
    ChatMessage sent = alice.send("bob", "hello bob");
    assertThat(bob.received().text()).isEqualTo("hello bob");
    alice.awaitState(sent.msgId(), DeliveryState.DELIVERED);
  }

  @Test
  void versionTwoConfirmsWithoutIdsAndTakesTheReceiptFromTheOk() throws Exception {
    // The longest window, so that even a slow machine's first decryption comes within it and the
    // ok waits for Bob's ack (which is what puts the receipt in it).
    mitm.close();
    server.close();
    Path data = dir.resolve("server");
    server = TestServer.start(data, b -> b.relayWindow(Duration.ofSeconds(5)));
    mitm = new HostileServer(data, server.port());
    TestUser[] p = contacts();
    TestUser alice = p[0];
    TestUser bob = p[1];
    JsonObject hello = mitm.nextFromClient("alice", f -> is(f, "hello"), WAIT);
    assertThat(hello.get("version").getAsInt()).isEqualTo(2);

    delivered(alice, bob);

    JsonObject ack = mitm.nextFromClient("bob", f -> is(f, "ack"), WAIT);
    assertThat(ack.has("id")).as("ack %s", ack).isFalse();
    JsonObject ok =
        mitm.nextToClient("alice", f -> f.has("re") && f.has("msgId") && f.has("receipt"));
    long rid = ok.getAsJsonObject("receipt").get("rid").getAsLong();
    JsonObject confirm = mitm.nextFromClient("alice", f -> is(f, "ack_receipt"), WAIT);
    assertThat(confirm.has("id")).isFalse();
    assertThat(confirm.get("rid").getAsLong()).isEqualTo(rid);
    // The server answered neither, not even with an error.
    Thread.sleep(300);
    for (String user : List.of("alice", "bob")) {
      assertThat(mitm.link(user).toClientFrames)
          .as("frames to %s", user)
          .noneMatch(f -> is(f, "error"));
    }
  }

  @Test
  void aRefusedConfirmationIsNotTheUsersProblemButAReplacedSessionIs() throws Exception {
    TestUser alice = user("alice").register();
    HostileServer.Link link = mitm.link("alice");
    // What the server says when an ack without an id arrives before the login completed.
    JsonObject refused = new JsonObject();
    refused.addProperty("type", "error");
    refused.addProperty("code", "not_logged_in");
    refused.addProperty("message", "Log in first.");
    link.inject(refused);
    JsonObject replaced = new JsonObject();
    replaced.addProperty("type", "error");
    replaced.addProperty("code", "session_replaced");
    replaced.addProperty("message", "You logged in elsewhere.");
    link.inject(replaced);
    // The first problem the user hears of is the replaced session, not the refused confirmation.
    TestUser.Problem p = alice.next(TestUser.Problem.class, x -> true);
    assertThat(p.text()).isEqualTo("You logged in elsewhere.");
  }

  @Test
  void aServerOfVersionOneIsSpokenToInVersionOne() throws Exception {
    // The server's hello names the newest version it speaks; this one claims only version 1.
    mitm.rewriteToClients(
        f -> {
          if (is(f, "hello") && !f.has("re")) {
            f.addProperty("version", 1);
          }
          return f;
        });
    TestUser[] p = contacts();
    TestUser alice = p[0];
    TestUser bob = p[1];
    JsonObject hello = mitm.nextFromClient("alice", f -> is(f, "hello"), WAIT);
    assertThat(hello.get("version").getAsInt()).isEqualTo(1);

    delivered(alice, bob);

    JsonObject ack = mitm.nextFromClient("bob", f -> is(f, "ack"), WAIT);
    assertThat(ack.get("id").getAsString()).isNotEmpty();
    assertThat(ack.get("from").getAsString()).isEqualTo("alice");
    JsonObject confirm = mitm.nextFromClient("alice", f -> is(f, "ack_receipt"), WAIT);
    assertThat(confirm.get("id").getAsString()).isNotEmpty();
    assertThat(mitm.nextToClient("alice", f -> is(f, "receipt")).get("rid").getAsLong())
        .isEqualTo(confirm.get("rid").getAsLong());
  }
}
