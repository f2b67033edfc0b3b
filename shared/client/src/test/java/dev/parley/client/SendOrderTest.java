package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.server.testing.Eventually;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Messages written in a burst share one unit of work (group commit, issue 15); they must still be
 * shown, sent and received in the order they were written.
 */
class SendOrderTest extends RealServerTest {
  private static final int BURST = 200;

  @Test
  void aBurstOfMessagesIsShownSentAndReceivedInTheOrderItWasWritten() throws Exception {
    startServer(b -> b);
    TestUser alice = user("alice").register();
    TestUser bob = user("bob").register();
    alice.send("bob", "hello");
    bob.received();
    List<String> ownShown = new CopyOnWriteArrayList<>();
    alice.client.addListener(
        new ClientListener() {
          @Override
          public void messageAdded(ChatMessage m) {
            if (m.outgoing()) {
              ownShown.add(m.text());
            }
          }
        });
    Heard heard = Heard.on(bob);

    // Written without waiting for each other: most of them land in the same unit of work, whose
    // commit completes all their futures at once.
    List<String> texts = sendNumbered(alice, "bob", BURST);

    Eventually.await("bob shows the whole burst", TestUser.WAIT, () -> heard.shown.size() == BURST);
    assertThat(heard.shownTexts()).as("received in order").isEqualTo(texts);
    assertThat(ownShown).as("shown to the writer in order").isEqualTo(texts);
  }
}
