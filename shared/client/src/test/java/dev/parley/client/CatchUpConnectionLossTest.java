package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.messaging.Inbox;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Eventually;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection is lost in the middle of a catch-up (issue 15): what had arrived is still stored
 * and shown, the rest comes after the reconnect, and every message is shown exactly once, in order.
 */
class CatchUpConnectionLossTest extends RealServerTest {
  private static final int MESSAGES = 2_000;
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  ParleyServer startServer(int port) throws Exception {
    return startServer(b -> b.port(port).senderQueueShare(MESSAGES, 64L << 20));
  }

  @Test
  void aConnectionLostInTheMiddleOfACatchUpStillShowsEveryMessageExactlyOnceInOrder()
      throws Exception {
    int port = startServer(0).port();
    TestUser alice = user("alice").register();
    TestUser bob = user("bob").register();
    TestUser.await(bob.client.addContact("alice"));
    TestUser.await(bob.client.logout());
    List<String> texts = sendNumbered(alice, "bob", MESSAGES);

    Heard heard = Heard.on(bob);
    TestUser.await(bob.client.connect(new ServerAddress("127.0.0.1", port)));
    bob.login();
    Eventually.await(
        "bob is a couple of batches in", CATCH_UP, () -> heard.shown.size() >= 2 * Inbox.BATCH);
    // Lost while what already arrived waits to be stored: those batches commit with nobody to
    // acknowledge them to, and must still be shown.
    server.close();
    startServer(port);
    Eventually.await("the server let go of every message", CATCH_UP, () -> nothingPending("bob"));

    List<String> stored =
        TestUser.await(bob.client.history("alice", 2 * MESSAGES, Long.MAX_VALUE)).stream()
            .map(ChatMessage::text)
            .toList();
    assertThat(stored).as("stored once").doesNotHaveDuplicates();
    assertThat(stored).as("stored in order, none missing").isEqualTo(texts);
    List<String> shown = heard.shownTexts();
    assertThat(shown).as("shown once").doesNotHaveDuplicates();
    assertThat(texts.stream().filter(t -> !shown.contains(t)).toList())
        .as("stored but never shown")
        .isEmpty();
    assertThat(shown).as("shown in order").isEqualTo(texts);
  }
}
