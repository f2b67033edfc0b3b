package dev.parley.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ServerAddress;
import dev.parley.crypto.E2eSessions;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.PreKeyBundle;
import dev.parley.protocol.Fields;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 9, as an independent review found it still open: presence events were mutual, but
 * any stranger could watch anyone's online state to the second without the victim seeing a trace.
 * The stranger sent a real ratchet message whose payload is an empty read receipt; the victim's
 * client decrypted it, stored and showed nothing, acknowledged it, and the server's {@code
 * delivered} receipt told the stranger that the victim was online right then. The server now
 * records a {@code delivered} receipt only when the recipient has the sender as a contact (its
 * consent); a first message to someone who has not added you stays "sent".
 */
class ReceiptConsentTest extends ServerTestBase {
  private static final byte[] EMPTY_READ =
      "{\"v\":1,\"k\":\"read\",\"ids\":[]}".getBytes(StandardCharsets.UTF_8);

  private ParleyClient alice(List<ChatMessage> shown) throws Exception {
    ParleyClient c =
        new ParleyClient(new ClientConfig(dir.resolve("alice"), 1_000, Duration.ofSeconds(1)));
    c.addListener(
        new ClientListener() {
          @Override
          public void messageAdded(ChatMessage message) {
            shown.add(message);
          }
        });
    ServerAddress a = new ServerAddress("127.0.0.1", server.port());
    c.trustServer(a, server.fingerprint());
    c.connect(a).get(20, TimeUnit.SECONDS);
    return c;
  }

  private static boolean delivered(RawClient mallory, E2eSessions s, String msgId)
      throws Exception {
    mallory.ok("send", "to", "alice", "msgId", msgId, "envelope", s.encrypt("alice", EMPTY_READ));
    return !mallory.nothing(
        f ->
            f.get("type").getAsString().equals("receipt")
                && f.get("msgId").getAsString().equals(msgId),
        Duration.ofSeconds(3));
  }

  @Test
  void aStrangerCannotSilentlyWatchWhenSomeoneIsOnline() throws Exception {
    List<ChatMessage> shown = new CopyOnWriteArrayList<>();
    ParleyClient alice = alice(shown);
    alice.register("alice", ServerHarness.PASSWORD.toCharArray()).get(20, TimeUnit.SECONDS);

    RawClient mallory = connect().hello().register("mallory", ServerHarness.PASSWORD);
    JsonObject b = mallory.ok("fetch_bundle", "user", "alice");
    JsonObject spk = b.getAsJsonObject("signedPreKey");
    PreKeyBundle bundle =
        new PreKeyBundle(
            new IdentityPublicKey(
                Fields.bytesExactly(b, "identityDh", 32),
                Fields.bytesExactly(b, "identitySign", 32)),
            spk.get("id").getAsInt(),
            Fields.bytesExactly(spk, "key", 32),
            Fields.bytesExactly(spk, "signature", 64),
            null,
            null);
    E2eSessions s = new E2eSessions(KeyStoreContents.createNew(System.currentTimeMillis()));
    s.startSession("alice", bundle);

    boolean seenOnline = delivered(mallory, s, "probe-1");
    alice.close();
    boolean seenOffline = !delivered(mallory, s, "probe-2");
    System.out.printf(
        "review: stranger saw alice online=%b, then offline=%b; alice was shown %d entries: %s%n",
        seenOnline, seenOffline, shown.size(), shown);
    assertThat(seenOnline && seenOffline && shown.isEmpty())
        .as("a non-contact tracked Alice's presence without leaving anything in her client")
        .isFalse();
    assertThat(seenOnline).as("a delivered receipt to someone Alice never added").isFalse();
  }

  @Test
  void deliveredReceiptsGoOnlyToSendersTheRecipientHasAdded() throws Exception {
    RawClient bob = connect().hello().register("bob", ServerHarness.PASSWORD);
    RawClient alice = connect().hello().register("alice", ServerHarness.PASSWORD);
    RawClient carol = connect().hello().register("carol", ServerHarness.PASSWORD);
    bob.ok("add_contact", "user", "alice");
    alice.ok("send", "to", "bob", "msgId", "a1", "envelope", new byte[] {1});
    carol.ok("send", "to", "bob", "msgId", "c1", "envelope", new byte[] {2});
    for (int i = 0; i < 2; i++) {
      JsonObject m = bob.event("message");
      bob.ok("ack", "from", m.get("from").getAsString(), "msgId", m.get("msgId").getAsString());
    }
    assertThat(alice.event("receipt").get("msgId").getAsString()).isEqualTo("a1");
    assertThat(carol.nothing(f -> f.get("type").getAsString().equals("receipt"), WAIT))
        .as("carol, whom bob has not added, learns nothing of when bob took her message")
        .isTrue();
    // Not even later: the receipt was never recorded (a new login streams none).
    carol.ok("logout");
    carol.login("carol", ServerHarness.PASSWORD);
    assertThat(carol.nothing(f -> f.get("type").getAsString().equals("receipt"), WAIT)).isTrue();

    // Once bob adds carol, her next message is confirmed; adding is the consent.
    bob.ok("add_contact", "user", "carol");
    carol.ok("send", "to", "bob", "msgId", "c2", "envelope", new byte[] {3});
    JsonObject m = bob.event("message");
    bob.ok("ack", "from", "carol", "msgId", m.get("msgId").getAsString());
    assertThat(carol.event("receipt").get("msgId").getAsString()).isEqualTo("c2");
    // And a removal withdraws it.
    bob.ok("remove_contact", "user", "carol");
    carol.ok("send", "to", "bob", "msgId", "c3", "envelope", new byte[] {4});
    bob.ok("ack", "from", "carol", "msgId", bob.event("message").get("msgId").getAsString());
    assertThat(carol.nothing(f -> f.get("type").getAsString().equals("receipt"), WAIT)).isTrue();
  }

  private static final Duration WAIT = Duration.ofMillis(700);
}
