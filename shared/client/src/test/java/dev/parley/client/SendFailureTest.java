package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.DeliveryState;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message that can never be sent ends as {@link DeliveryState#FAILED}, with a readable reason,
 * instead of staying SENDING forever and being retried at every start. The clients go through a
 * recording proxy (which may also tamper, as a hostile server would).
 */
class SendFailureTest {
  @TempDir Path dir;
  ParleyServer server;
  HostileServer proxy;
  final List<TestUser> users = new ArrayList<>();
  final BlockingQueue<String> problems = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    Path data = dir.resolve("server");
    server = TestServer.start(data);
    proxy = new HostileServer(data, server.port());
  }

  @AfterEach
  void stop() {
    users.forEach(TestUser::close);
    proxy.close();
    server.close();
  }

  private TestUser user(String name, String device) {
    TestUser u = new TestUser(name, dir.resolve("clients").resolve(name + "-" + device));
    users.add(u);
    u.client.addListener(
        new ClientListener() {
          @Override
          public void problem(String message) {
            problems.add(message);
          }
        });
    return u.connect(proxy.port(), server.fingerprint());
  }

  private String nextProblem() throws InterruptedException {
    String p = problems.poll(TestUser.WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(p).as("a problem was reported").isNotNull();
    return p;
  }

  private static boolean concerns(JsonObject f, String peer) {
    String type = f.get("type").getAsString();
    return (type.equals("send") && f.get("to").getAsString().equals(peer))
        || (type.equals("fetch_bundle") && f.get("user").getAsString().equals(peer));
  }

  @Test
  void aSendToAnUnknownUserFailsForGoodAndIsNotRetriedAtTheNextStart() throws Exception {
    TestUser alice = user("alice", "laptop").register();
    ChatMessage lost = alice.send("nobody", "are you there?");
    alice.awaitState(lost.msgId(), DeliveryState.FAILED);
    assertThat(nextProblem()).contains("Message to nobody was not sent", "no user called nobody");
    assertThat(alice.history("nobody"))
        .extracting(ChatMessage::state)
        .containsExactly(DeliveryState.FAILED);
    alice.close();
    users.remove(alice);

    user("bob", "laptop").register();
    TestUser again = user("alice", "laptop").login();
    // Sends leave in order, so once this one is stored any retry would have gone before it.
    ChatMessage hello = again.send("bob", "hello bob");
    again.awaitState(hello.msgId(), DeliveryState.SENT);
    assertThat(proxy.nextFromClient("alice", f -> concerns(f, "nobody"), Duration.ofMillis(100)))
        .as("nothing is sent again to a user who does not exist")
        .isNull();
    assertThat(again.history("nobody"))
        .extracting(ChatMessage::state)
        .containsExactly(DeliveryState.FAILED);
  }

  @Test
  void aContactsKeysWithABadSignatureFailTheSendInsteadOfLeavingItSending() throws Exception {
    TestUser alice = user("alice", "laptop").register();
    user("bob", "laptop").register();
    // The server hands out Bob's keys with the signed prekey's signature damaged.
    proxy.rewriteToClients(
        f -> {
          if (f.has("signedPreKey") && f.has("user") && f.get("user").getAsString().equals("bob")) {
            JsonObject spk = f.getAsJsonObject("signedPreKey");
            byte[] sig = Base64.getDecoder().decode(spk.get("signature").getAsString());
            sig[0] ^= 1;
            spk.addProperty("signature", Base64.getEncoder().encodeToString(sig));
          }
          return f;
        });
    ChatMessage m = alice.send("bob", "hi");
    alice.awaitState(m.msgId(), DeliveryState.FAILED);
    assertThat(nextProblem()).contains("Message to bob was not sent", "keys bob published");
    assertThat(
            proxy.nextFromClient(
                "alice", f -> f.get("type").getAsString().equals("send"), Duration.ofMillis(100)))
        .as("nothing was encrypted to keys that do not verify")
        .isNull();

    // A later message, once the server hands out the real keys, goes as usual.
    proxy.rewriteToClients(f -> f);
    ChatMessage next = alice.send("bob", "and now?");
    alice.awaitState(next.msgId(), DeliveryState.SENT);
    assertThat(alice.history("bob"))
        .extracting(ChatMessage::state)
        .containsExactly(DeliveryState.FAILED, DeliveryState.SENT);
  }
}
