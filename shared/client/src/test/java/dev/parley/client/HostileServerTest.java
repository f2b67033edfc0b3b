package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.Contact;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.messaging.Payload;
import dev.parley.crypto.DecryptionException;
import dev.parley.crypto.E2eSessions;
import dev.parley.crypto.IdentityMismatchException;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.PreKeyBundle;
import dev.parley.crypto.SafetyNumber;
import dev.parley.protocol.Fields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client core against a malicious server (a scripted man in the middle holding the pinned
 * certificate), as the security review attacked it: it may inject, replay and drop frames, and hand
 * out keys of its own, but it must never get to read what a user writes to a verified contact, nor
 * show a message twice.
 */
class HostileServerTest extends BehindHostileServerTest {
  TestUser alice;
  TestUser bob;
  PreKeyBundle aliceBundle;

  @BeforeEach
  void start() throws Exception {
    alice = user("alice").register();
    bob = user("bob").register();
    aliceBundle = publishedBundle("alice");
    TestUser.await(alice.client.addContact("bob"));
    TestUser.await(bob.client.addContact("alice"));
  }

  /** The keys {@code user}'s client published, as the (hostile) server saw them. */
  private PreKeyBundle publishedBundle(String user) throws Exception {
    JsonObject k =
        mitm.nextFromClient(
            user, f -> f.get("type").getAsString().equals("publish_keys"), Duration.ofSeconds(20));
    JsonObject spk = Fields.object(k, "signedPreKey");
    return new PreKeyBundle(
        new IdentityPublicKey(
            Fields.bytesExactly(k, "identityDh", 32), Fields.bytesExactly(k, "identitySign", 32)),
        (int) Fields.integer(spk, "id", 0, Integer.MAX_VALUE),
        Fields.bytesExactly(spk, "key", 32),
        Fields.bytesExactly(spk, "signature", 64),
        null,
        null);
  }

  /** Alice and Bob have talked, compared safety numbers, and Alice marked Bob verified. */
  private SafetyNumber talkAndVerify() {
    alice.send("bob", "hello bob");
    assertThat(bob.received().text()).isEqualTo("hello bob");
    bob.send("alice", "hello alice");
    assertThat(alice.received().text()).isEqualTo("hello alice");
    SafetyNumber number = TestUser.await(alice.client.safetyNumber("bob"));
    assertThat(TestUser.await(bob.client.safetyNumber("alice"))).isEqualTo(number);
    TestUser.await(alice.client.setVerified("bob", number, true));
    return number;
  }

  private static JsonObject frame(String type, String from, byte[] envelope) {
    JsonObject f = new JsonObject();
    f.addProperty("type", type);
    f.addProperty("from", from);
    f.addProperty("envelope", Base64.getEncoder().encodeToString(envelope));
    return f;
  }

  /** Alice's {@code send} of message {@code msgId} to {@code peer}, or null within {@code wait}. */
  private JsonObject sendOf(String peer, String msgId, Duration wait) throws InterruptedException {
    return mitm.nextFromClient(
        "alice",
        f ->
            f.get("type").getAsString().equals("send")
                && f.get("to").getAsString().equals(peer)
                && f.get("msgId").getAsString().equals(msgId),
        wait);
  }

  @Test
  void anInjectedTypingFrameCannotRedirectMessagesMeantForAVerifiedContact() throws Exception {
    SafetyNumber before = talkAndVerify();
    // The attacker runs X3DH with its own identity on Alice's published keys and wraps it in a
    // typing notice "from bob".
    E2eSessions attacker = new E2eSessions(KeyStoreContents.createNew(System.currentTimeMillis()));
    attacker.startSession("alice", aliceBundle);
    mitm.link("alice")
        .inject(frame("typing", "bob", attacker.encrypt("alice", Payload.typing().encode())));

    ChatMessage secret = alice.send("bob", "the launch code is 1234");
    JsonObject sent = sendOf("bob", secret.msgId(), Duration.ofSeconds(20));
    assertThat(sent).as("Alice's message left").isNotNull();
    byte[] envelope = Base64.getDecoder().decode(sent.get("envelope").getAsString());
    assertThatThrownBy(() -> attacker.decrypt("alice", envelope))
        .as("the attacker cannot read it")
        .isInstanceOf(DecryptionException.class);
    assertThat(bob.received().text()).isEqualTo("the launch code is 1234");
    alice.awaitState(secret.msgId(), DeliveryState.DELIVERED);

    assertThat(TestUser.await(alice.client.safetyNumber("bob"))).isEqualTo(before);
    assertThat(TestUser.await(alice.client.contacts()))
        .filteredOn(c -> c.name().equals("bob"))
        .singleElement()
        .satisfies(c -> assertThat(c.verified()).isTrue());
    assertThat(alice.history("bob")).noneMatch(m -> m.kind() == ChatMessage.Kind.IDENTITY_CHANGED);
  }

  @Test
  void anInjectedMessageUnderAnotherIdentityShowsTheChangeAndHoldsSending() throws Exception {
    SafetyNumber before = talkAndVerify();
    E2eSessions attacker = new E2eSessions(KeyStoreContents.createNew(System.currentTimeMillis()));
    attacker.startSession("alice", aliceBundle);
    JsonObject forged =
        frame(
            "message",
            "bob",
            attacker.encrypt(
                "alice", Payload.text("forged-1", "it's me, new laptop", 1L).encode()));
    forged.addProperty("msgId", "forged-1");
    forged.addProperty("sentAt", System.currentTimeMillis());
    mitm.link("alice").inject(forged);

    ChatMessage notice =
        alice.next(ChatMessage.class, m -> m.kind() == ChatMessage.Kind.IDENTITY_CHANGED);
    assertThat(notice.text()).contains("safety number with bob changed");
    assertThat(TestUser.await(alice.client.safetyNumber("bob"))).isNotEqualTo(before);
    Contact changed =
        TestUser.await(alice.client.contacts()).stream()
            .filter(c -> c.name().equals("bob"))
            .findFirst()
            .orElseThrow();
    assertThat(changed.verified()).isFalse();
    assertThat(changed.safetyNumberChanged()).isTrue();

    ChatMessage held = alice.send("bob", "are you really bob?");
    assertThat(sendOf("bob", held.msgId(), Duration.ofSeconds(2)))
        .as("nothing is sent to a changed verified contact")
        .isNull();
    assertThat(alice.history("bob"))
        .filteredOn(m -> m.msgId().equals(held.msgId()))
        .singleElement()
        .satisfies(m -> assertThat(m.state()).isEqualTo(DeliveryState.SENDING));

    // Only once Alice accepts the new safety number does the held message go.
    TestUser.await(
        alice.client.acceptSafetyNumber("bob", TestUser.await(alice.client.safetyNumber("bob"))));
    assertThat(sendOf("bob", held.msgId(), Duration.ofSeconds(20))).isNotNull();
    alice.awaitState(held.msgId(), DeliveryState.SENT);
  }

  @Test
  void aReplayedFirstMessageIsShownOnceEvenAfterEvictionAttempts() throws Exception {
    // The server withholds one-time prekeys, so Bob's first message rests on the signed prekey.
    mitm.rewriteToClients(
        f -> {
          if (f.has("oneTimePreKey") && f.has("signedPreKey")) {
            f.remove("oneTimePreKey");
          }
          return f;
        });
    bob.send("alice", "only once, please");
    JsonObject original =
        mitm.nextToClient(
            "alice", f -> f.get("type").getAsString().equals("message") && !f.has("re"));
    assertThat(alice.received().text()).isEqualTo("only once, please");

    // Five forged typing notices "from bob" try to evict the real session first.
    for (int i = 0; i < KeyStoreContents.MAX_SESSIONS_PER_PEER; i++) {
      E2eSessions attacker = new E2eSessions(KeyStoreContents.createNew(0));
      attacker.startSession("alice", aliceBundle);
      mitm.link("alice")
          .inject(frame("typing", "bob", attacker.encrypt("alice", Payload.typing().encode())));
    }
    for (int i = 0; i < 3; i++) {
      JsonObject replay = original.deepCopy();
      replay.addProperty("msgId", "replay-" + UUID.randomUUID());
      mitm.link("alice").inject(replay);
    }
    // A marker message from Bob proves everything before it was handled.
    bob.send("alice", "marker");
    assertThat(alice.received().text()).isEqualTo("marker");
    assertThat(alice.history("bob"))
        .extracting(ChatMessage::text)
        .filteredOn(t -> t.equals("only once, please"))
        .hasSize(1);
  }

  @Test
  void verifyingOrAcceptingTheComparedNumberNeverApprovesAKeyThatArrivedAfterIt() throws Exception {
    talkAndVerify();
    // Bob moves to a new laptop: a real key change, Alice's messages to verified Bob are held.
    bob.close();
    TestUser bob2 = new TestUser("bob", dir.resolve("clients").resolve("bob-new-laptop"));
    users.add(bob2);
    bob2.connect(mitm.port(), server.fingerprint()).login();
    bob2.send("alice", "new laptop, same bob");
    alice.next(ChatMessage.class, m -> m.kind() == ChatMessage.Kind.IDENTITY_CHANGED);
    assertThat(alice.received().text()).isEqualTo("new laptop, same bob");
    ChatMessage held = alice.send("bob", "the launch code is 1234");
    assertThat(sendOf("bob", held.msgId(), Duration.ofSeconds(2))).as("held").isNull();

    // Alice opens the safety number; Bob reads his out on the phone: they match.
    SafetyNumber shown = TestUser.await(alice.client.safetyNumber("bob"));
    assertThat(TestUser.await(bob2.client.safetyNumber("alice"))).isEqualTo(shown);

    // Meanwhile the server forges a first message from a key of its own.
    E2eSessions attacker = new E2eSessions(KeyStoreContents.createNew(System.currentTimeMillis()));
    attacker.startSession("alice", aliceBundle);
    JsonObject forged =
        frame(
            "message",
            "bob",
            attacker.encrypt("alice", Payload.text("f-1", "sorry, typo", 1L).encode()));
    forged.addProperty("msgId", "f-1");
    forged.addProperty("sentAt", System.currentTimeMillis());
    mitm.link("alice").inject(forged);
    alice.next(ChatMessage.class, m -> "sorry, typo".equals(m.text()));

    // Alice clicks "Verified" in the dialog that showed the number she compared: refused.
    assertThatThrownBy(() -> TestUser.await(alice.client.setVerified("bob", shown, true)))
        .hasCauseInstanceOf(IdentityMismatchException.class);
    assertThatThrownBy(() -> TestUser.await(alice.client.acceptSafetyNumber("bob", shown)))
        .hasCauseInstanceOf(IdentityMismatchException.class);
    assertThat(sendOf("bob", held.msgId(), Duration.ofSeconds(2)))
        .as("the held message did not go to the key slipped in after the comparison")
        .isNull();
    assertThat(TestUser.await(alice.client.contacts()))
        .filteredOn(c -> c.name().equals("bob"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.verified()).isFalse();
              assertThat(c.safetyNumberChanged()).isTrue();
            });
  }

  @Test
  void presenceOfNamesTheServerMakesUpIsIgnored() throws Exception {
    HostileServer.Link link = mitm.link("alice");
    for (int i = 0; i < 2_000; i++) {
      JsonObject p = new JsonObject();
      p.addProperty("type", "presence");
      p.addProperty("user", String.format("ghost%06d", i));
      p.addProperty("online", true);
      link.inject(p);
    }
    // Bob going offline comes after them: everything before it was handled.
    bob.close();
    List<String> heard = new ArrayList<>();
    TestUser.Presence p;
    do {
      p = alice.next(TestUser.Presence.class, x -> true);
      heard.add(p.who());
    } while (!(p.who().equals("bob") && !p.online()));
    assertThat(heard).as("no made-up name reached the listener").containsOnly("bob");
    assertThat(TestUser.await(alice.client.contacts()))
        .extracting(Contact::name)
        .containsExactly("bob");
  }

  @Test
  void aTextWhoseEnvelopeCameFirstAsATypingFrameIsStillShown() throws Exception {
    alice.send("bob", "hi");
    assertThat(bob.received().text()).isEqualTo("hi");
    mitm.rewriteToClients(
        f -> {
          if (f.get("type").getAsString().equals("message")
              && !f.has("re")
              && f.get("from").getAsString().equals("bob")) {
            try {
              mitm.link("alice")
                  .inject(
                      frame(
                          "typing",
                          "bob",
                          Base64.getDecoder().decode(f.get("envelope").getAsString())));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
          return f;
        });
    ChatMessage m = bob.send("alice", "meet at 5");
    bob.awaitState(m.msgId(), DeliveryState.SENT);
    mitm.rewriteToClients(f -> f);
    bob.send("alice", "marker");
    assertThat(alice.received().text()).as("the first text Alice sees").isEqualTo("meet at 5");
  }

  @Test
  void junkUnderATextsIdCannotTakeThatTextsPlace() throws Exception {
    alice.send("bob", "hi");
    assertThat(bob.received().text()).isEqualTo("hi");
    // The server delivers junk under the id of Bob's next message, just before it.
    mitm.rewriteToClients(
        f -> {
          if (f.get("type").getAsString().equals("message")
              && !f.has("re")
              && f.get("from").getAsString().equals("bob")
              && !f.get("msgId").getAsString().startsWith("junk")) {
            JsonObject junk = f.deepCopy();
            junk.addProperty("envelope", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
            try {
              mitm.link("alice").inject(junk);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
          return f;
        });
    bob.send("alice", "the real text");
    assertThat(alice.received().text()).isEqualTo("the real text");
  }
}
