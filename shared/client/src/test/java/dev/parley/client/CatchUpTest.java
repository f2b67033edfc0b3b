package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.DeliveryState;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user coming back to a backlog: the login completes, every message is shown once and in order,
 * all of them are acknowledged (none comes again at the next login), and a progress report, if one
 * was given, ends with zero.
 */
class CatchUpTest {
  // Below the server's share of one sender in one recipient's queue (1,000 by default).
  private static final int QUEUED = 900;

  @TempDir Path dir;

  @Test
  void aBacklogIsShownOnceInOrderAndAcknowledged() throws Exception {
    try (ParleyServer server = TestServer.start(dir.resolve("server"), b -> b.port(0))) {
      TestUser alice = new TestUser("alice", dir.resolve("alice"));
      TestUser bob = new TestUser("bob", dir.resolve("bob"));
      try (alice) {
        alice.connect(server.port(), server.fingerprint()).register();
        bob.connect(server.port(), server.fingerprint()).register();
        TestUser.await(bob.client.addContact("alice"));
        TestUser.await(alice.client.addContact("bob"));
        TestUser.await(bob.client.logout());
        bob.close();

        List<CompletableFuture<ChatMessage>> sent = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
          sent.add(alice.client.send("bob", "backlog " + i));
        }
        String last = TestUser.await(sent.get(QUEUED - 1)).msgId();
        alice.awaitState(last, DeliveryState.SENT);

        TestUser back = new TestUser("bob", dir.resolve("bob"));
        List<Integer> progress = new CopyOnWriteArrayList<>();
        back.client.addListener(
            new ClientListener() {
              @Override
              public void catchingUp(int waiting) {
                progress.add(waiting);
              }
            });
        try (back) {
          back.connect(server.port(), server.fingerprint()).login();
          List<String> texts = new ArrayList<>();
          for (int i = 0; i < QUEUED; i++) {
            texts.add(back.received().text());
          }
          List<String> expected = new ArrayList<>();
          for (int i = 0; i < QUEUED; i++) {
            expected.add("backlog " + i);
          }
          assertThat(texts).containsExactlyElementsOf(expected);
          if (!progress.isEmpty()) {
            Eventually.await(
                "the progress report ends",
                TestUser.WAIT,
                () -> progress.get(progress.size() - 1) == 0);
          }
        }

        // Everything was acknowledged: at the next login only what is new arrives.
        TestUser again = new TestUser("bob", dir.resolve("bob"));
        try (again) {
          again.connect(server.port(), server.fingerprint()).login();
          alice.send("bob", "marker");
          assertThat(again.received().text()).isEqualTo("marker");
          assertThat(TestUser.await(again.client.history("alice", 5_000, Long.MAX_VALUE)))
              .hasSize(QUEUED + 1);
        }
      }
    }
  }
}
