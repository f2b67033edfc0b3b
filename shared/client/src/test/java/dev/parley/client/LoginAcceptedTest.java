package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ConnectionState;
import dev.parley.server.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A login completes once the server accepted it (issue 15), not once the session is online: the
 * prekeys and the contact list it then asks for may wait behind a long backlog, and the person
 * should see their conversations meanwhile. The session comes online in the background, and a start
 * that does not complete on one connection is completed on the next.
 */
class LoginAcceptedTest extends BehindHostileServerTest {
  TestUser alice;
  TestUser bob;

  @BeforeEach
  void start() {
    alice = user("alice").register();
    bob = user("bob").register();
    TestUser.await(alice.client.addContact("bob"));
    TestUser.await(bob.client.addContact("alice"));
  }

  private static boolean isListContacts(JsonObject f) {
    return f.has("type") && f.get("type").getAsString().equals("list_contacts");
  }

  @Test
  void aSessionStartAnsweredAfterTheSessionEndedDoesNotBringItOnline() throws Exception {
    TestUser.await(alice.client.logout());
    mitm.dropFromClients(LoginAcceptedTest::isListContacts);
    TestUser.await(alice.client.login("alice", TestUser.PASSWORD.toCharArray()));
    JsonObject asked =
        mitm.nextFromClient("alice", LoginAcceptedTest::isListContacts, TestUser.WAIT);
    assertThat(asked).isNotNull();
    // The account is taken by another device; a (hostile) server keeps the connection open and
    // answers the contact list all the same.
    HostileServer.Link link = mitm.link("alice");
    JsonObject replaced = new JsonObject();
    replaced.addProperty("type", "error");
    replaced.addProperty("code", "session_replaced");
    replaced.addProperty("message", "logged in elsewhere");
    link.inject(replaced);
    Eventually.await("the session ended", TestUser.WAIT, () -> alice.client.user() == null);
    JsonObject answer = new JsonObject();
    answer.addProperty("type", "ok");
    answer.add("re", asked.get("id"));
    answer.add("contacts", new JsonArray());
    link.inject(answer);
    // A negative can only be watched for a while; the answer arrives over loopback in far less.
    long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (System.nanoTime() < until) {
      assertThat(alice.client.state()).isNotEqualTo(ConnectionState.ONLINE);
      Thread.sleep(20);
    }
    assertThat(alice.client.user()).isNull();
  }

  @Test
  void aLoginCompletesBeforeTheSessionStartIsAnsweredAndTheSessionComesOnlineLater()
      throws Exception {
    TestUser.await(alice.client.logout());
    bob.send("alice", "waiting on the server");
    // The contact list is never answered on this connection: the session cannot come online.
    mitm.dropFromClients(LoginAcceptedTest::isListContacts);

    TestUser.await(alice.client.login("alice", TestUser.PASSWORD.toCharArray()));
    assertThat(alice.client.user()).isEqualTo("alice");
    assertThat(alice.client.state()).isEqualTo(ConnectionState.CONNECTING);
    CompletableFuture<Void> online = alice.client.whenOnline();
    assertThat(mitm.nextFromClient("alice", LoginAcceptedTest::isListContacts, TestUser.WAIT))
        .as("the contact list was asked for")
        .isNotNull();
    assertThat(alice.received().text()).isEqualTo("waiting on the server");
    // Known contacts are shown from the local list meanwhile, and what is written is kept.
    assertThat(TestUser.await(alice.client.contacts()))
        .singleElement()
        .satisfies(c -> assertThat(c.name()).isEqualTo("bob"));
    ChatMessage written = alice.send("bob", "written before the session was online");
    assertThat(alice.client.state()).isEqualTo(ConnectionState.CONNECTING);
    assertThat(online).isNotDone();

    // That connection is lost; the next login's start is answered.
    mitm.dropFromClients(f -> false);
    mitm.link("alice").close();
    TestUser.await(online);
    assertThat(alice.client.state()).isEqualTo(ConnectionState.ONLINE);
    assertThat(bob.received().text()).isEqualTo(written.text());
  }
}
