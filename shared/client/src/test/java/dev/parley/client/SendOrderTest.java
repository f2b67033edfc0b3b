package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages written in a burst share one unit of work (group commit, issue 15); they must still be
 * shown, sent and received in the order they were written.
 */
class SendOrderTest {
  private static final int BURST = 200;

  @TempDir Path dir;
  ParleyServer server;
  final List<TestUser> users = new ArrayList<>();

  TestUser user(String name) {
    TestUser u = new TestUser(name, dir.resolve("clients").resolve(name));
    users.add(u);
    return u.connect(server.port(), server.fingerprint());
  }

  @AfterEach
  void stop() {
    users.forEach(TestUser::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aBurstOfMessagesIsShownSentAndReceivedInTheOrderItWasWritten() throws Exception {
    server = TestServer.start(dir.resolve("server"));
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
    List<String> texts = new ArrayList<>();
    List<CompletableFuture<ChatMessage>> writes = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      texts.add("burst " + i);
      writes.add(alice.client.send("bob", texts.get(i)));
    }
    writes.forEach(TestUser::await);

    Eventually.await("bob shows the whole burst", TestUser.WAIT, () -> heard.shown.size() == BURST);
    assertThat(heard.shownTexts()).as("received in order").isEqualTo(texts);
    assertThat(ownShown).as("shown to the writer in order").isEqualTo(texts);
  }
}
