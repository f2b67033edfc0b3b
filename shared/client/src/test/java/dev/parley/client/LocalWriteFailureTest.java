package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.Conversation;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.api.ServerAddress;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a client does when its own disk refuses to store what arrived (issue 15): a real SQLite
 * failure in the recipient's account database, with the real server. Nothing that is not on disk
 * may be acknowledged, the stored ratchet must not move, and once the disk works again the server's
 * redelivery must show every message exactly once, in order.
 */
class LocalWriteFailureTest extends RealServerTest {
  // The client renews its connection 10 s after a failure (Inbox.REDELIVERY_DELAY_MILLIS); a
  // renewal that still met the fault (the test healed the disk just after it) costs 10 s more.
  private static final Duration REDELIVERY = Duration.ofSeconds(45);

  @Test
  void aBatchThatCannotBeStoredIsNotAcknowledgedAndArrivesAgainOnceTheDiskWorks() throws Exception {
    startServer(b -> b);
    TestUser alice = user("alice").register();
    TestUser bob = user("bob").register();
    // With alice as bob's contact, the server tells alice of every ack bob sends (delivered).
    TestUser.await(bob.client.addContact("alice"));
    TestUser.await(bob.client.logout());
    List<String> texts = new ArrayList<>();
    Set<String> sentIds = new HashSet<>();
    for (int i = 1; i <= 6; i++) {
      texts.add("queued " + i);
      sentIds.add(alice.send("bob", "queued " + i).msgId());
    }
    Eventually.await(
        "six messages queued for bob", TestUser.WAIT, () -> pending("bob").size() == 6);

    Heard heard = Heard.on(bob);
    try (SecondConnection disk = SecondConnection.in(bob.dir)) {
      // A received message fails once three are stored (uncommitted rows of the same batch
      // count): however the six fall into batches, at most three are stored while this lasts.
      disk.failReceivedInsertsFrom(3);
      TestUser.await(bob.client.connect(new ServerAddress("127.0.0.1", server.port())));
      // The login completes although its backlog cannot be stored: the batch rolls back only
      // itself, not the prekey work of the login that may share its unit of work.
      bob.login();
      assertThat(heard.nextProblem()).contains("could not be stored");

      // Nothing is acknowledged that is not on disk: the server lets go of exactly what bob
      // stored. A client that acks before its commit (or acks a batch that rolled back) makes the
      // server drop all six while bob's history holds at most three, and this wait times out.
      Eventually.await(
          "the server holds exactly what bob did not store",
          TestUser.WAIT,
          () -> {
            Set<String> expected = new HashSet<>(sentIds);
            expected.removeAll(storedIds(bob, "alice"));
            return pendingIds("bob").equals(expected);
          });
      assertThat(storedIds(bob, "alice")).hasSizeLessThanOrEqualTo(3);
      assertThat(pending("bob")).hasSizeGreaterThanOrEqualTo(3);
      // Listeners heard only what was committed.
      assertThat(heard.shown).extracting(ChatMessage::msgId).isSubsetOf(storedIds(bob, "alice"));

      disk.heal();
    }

    // The client renews its connection by itself and the server delivers the rest again. Had the
    // rolled-back batch left its ratchet steps on disk, the same envelopes would now read as
    // duplicates, be acknowledged and be lost: the wait would time out.
    Eventually.await(
        "bob has all six messages", REDELIVERY, () -> storedIds(bob, "alice").size() == 6);
    assertThat(bob.history("alice")).extracting(ChatMessage::text).containsExactlyElementsOf(texts);
    assertThat(heard.shownTexts()).as("each shown exactly once, in order").isEqualTo(texts);
    Eventually.await("the server let go of all six", TestUser.WAIT, () -> nothingPending("bob"));
    Eventually.await(
        "alice sees all six delivered",
        TestUser.WAIT,
        () -> alice.history("bob").stream().allMatch(m -> m.state() == DeliveryState.DELIVERED));

    // New messages keep working in both directions: the ratchets on both sides are intact.
    alice.send("bob", "after the failure");
    bob.next(ChatMessage.class, m -> m.text().equals("after the failure"));
    bob.send("alice", "all here");
    alice.next(ChatMessage.class, m -> m.text().equals("all here"));
    assertThat(heard.shownTexts()).last().isEqualTo("after the failure");
    assertThat(heard.problems).as("no further problem").isEmpty();
  }

  @Test
  void theFirstMessageFromSomeoneNewThatCouldNotBeStoredStillOpensTheirConversation()
      throws Exception {
    startServer(b -> b);
    TestUser alice = user("alice").register();
    TestUser bob = user("bob").register();
    TestUser.await(bob.client.logout());
    alice.send("bob", "hello, stranger");
    Eventually.await("the message queued for bob", TestUser.WAIT, () -> pending("bob").size() == 1);

    Heard heard = Heard.on(bob);
    try (SecondConnection disk = SecondConnection.in(bob.dir)) {
      disk.failReceivedInsertsFrom(0);
      TestUser.await(bob.client.connect(new ServerAddress("127.0.0.1", server.port())));
      bob.login();
      // The failed batch also wrote alice's first row in the peers table; it was rolled back.
      assertThat(heard.nextProblem()).contains("could not be stored");
      disk.heal();
    }
    // Redelivered in the same session: what the client remembers of the rolled-back batch must
    // not keep it from writing alice's row again.
    Eventually.await("the message arrived again", REDELIVERY, () -> heard.shown.size() == 1);
    assertThat(conversationPeers(bob)).containsExactly("alice");

    closeUser(bob);
    TestUser again = user("bob").login();
    assertThat(conversationPeers(again)).as("after a restart").containsExactly("alice");
    assertThat(again.history("alice"))
        .extracting(ChatMessage::peer, ChatMessage::text)
        .containsExactly(tuple("alice", "hello, stranger"));
  }

  @Test
  void aMessageThatArrivesBeforeTheRedeliveryDoesNotOvertakeTheOneThatFailed() throws Exception {
    startServer(b -> b);
    TestUser alice = user("alice").register();
    TestUser bob = user("bob").register();
    Heard heard = Heard.on(bob);
    alice.send("bob", "one");
    Eventually.await("bob shows the first", TestUser.WAIT, () -> heard.shown.size() == 1);

    try (SecondConnection disk = SecondConnection.in(bob.dir)) {
      disk.failReceivedInsertsFrom(1);
      alice.send("bob", "two");
      assertThat(heard.nextProblem()).contains("could not be stored");
      disk.heal();
    }
    // The disk works again before the connection is renewed: "three" comes on the connection that
    // "two" failed on, and must wait for "two" to be delivered again rather than go first.
    alice.send("bob", "three");
    Eventually.await("bob shows all three", REDELIVERY, () -> heard.shown.size() >= 3);
    assertThat(heard.shownTexts()).containsExactly("one", "two", "three");
    assertThat(bob.history("alice"))
        .extracting(ChatMessage::text)
        .containsExactly("one", "two", "three");
  }

  private Set<String> pendingIds(String user) {
    return pending(user).stream().map(QueuedMessage::msgId).collect(Collectors.toSet());
  }

  private static Set<String> storedIds(TestUser u, String peer) {
    return u.history(peer).stream()
        .filter(m -> !m.outgoing())
        .map(ChatMessage::msgId)
        .collect(Collectors.toSet());
  }

  private static List<String> conversationPeers(TestUser u) {
    return TestUser.await(u.client.conversations()).stream().map(Conversation::peer).toList();
  }
}
