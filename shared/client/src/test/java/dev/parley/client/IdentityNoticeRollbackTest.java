package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ServerAddress;
import dev.parley.server.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A changed safety number arrives in a batch that cannot be stored: the notice is shown once, when
 * the redelivered batch is stored, not also for the batch that rolled back.
 */
class IdentityNoticeRollbackTest extends RealServerTest {
  private static final Duration REDELIVERY = Duration.ofSeconds(45);

  @Test
  void aKeyChangeInABatchThatRolledBackIsShownOnce() throws Exception {
    startServer(b -> b);
    TestUser alice = user("alice").register();
    TestUser bob = user("bob").register();
    TestUser.await(alice.client.addContact("bob"));
    TestUser.await(bob.client.addContact("alice"));
    bob.send("alice", "from the laptop");
    assertThat(alice.received().text()).isEqualTo("from the laptop");
    TestUser.await(alice.client.logout());
    closeUser(bob);

    // Bob on a new device, with a new identity, writes while alice is away.
    TestUser phone = new TestUser("bob", dir.resolve("clients").resolve("bob-phone"));
    users.add(phone);
    phone.connect(server.port(), server.fingerprint()).login();
    phone.send("alice", "from the phone");
    Eventually.await("queued for alice", TestUser.WAIT, () -> pending("alice").size() == 1);

    List<String> changed = new CopyOnWriteArrayList<>();
    alice.client.addListener(
        new ClientListener() {
          @Override
          public void identityChanged(String contact) {
            changed.add(contact);
          }
        });
    Heard heard = Heard.on(alice);
    try (SecondConnection disk = SecondConnection.in(alice.dir)) {
      // One received row exists; the notice is the second, the text would be the third: it fails,
      // after the notice was written in the same batch.
      disk.failReceivedInsertsFrom(2);
      TestUser.await(alice.client.connect(new ServerAddress("127.0.0.1", server.port())));
      alice.login();
      assertThat(heard.nextProblem()).contains("could not be stored");
      disk.heal();
    }
    ChatMessage text = alice.next(ChatMessage.class, m -> m.text().equals("from the phone"));
    assertThat(text.peer()).isEqualTo("bob");
    Eventually.await("the notice is stored", REDELIVERY, () -> !changed.isEmpty());
    assertThat(changed).as("told once, for the batch that was stored").containsExactly("bob");
    assertThat(alice.history("bob"))
        .filteredOn(m -> m.kind() == ChatMessage.Kind.IDENTITY_CHANGED)
        .hasSize(1);
  }
}
