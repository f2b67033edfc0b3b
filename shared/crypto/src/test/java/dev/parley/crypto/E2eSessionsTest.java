package dev.parley.crypto;

import static dev.parley.crypto.Parties.text;
import static dev.parley.crypto.Parties.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class E2eSessionsTest {

  @Test
  void firstMessageToAnOfflinePeerStartsTheSessionOnBothSides() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    int opkBefore = p.bobStore.oneTimePreKeyCount();
    byte[] first = p.alice.encrypt("bob", utf8("hello bob"));
    Decrypted d = p.bob.decrypt("alice", first);
    assertThat(text(d)).isEqualTo("hello bob");
    assertThat(d.newSession()).isTrue();
    assertThat(d.senderIdentity()).isEqualTo(p.aliceStore.identity().publicKey());
    assertThat(p.bobStore.oneTimePreKeyCount()).isEqualTo(opkBefore - 1);
    assertThat(text(p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("hi alice")))))
        .isEqualTo("hi alice");
  }

  @Test
  void aRatchetStepRolledBackEncryptsAgainOnTheSameThread() throws Exception {
    // A send batch that failed to commit reloads the session and encrypts the same message with
    // the same message key again; a cached JDK cipher would refuse that key and nonce twice.
    Parties p = new Parties().aliceStarts(false);
    byte[] saved = p.aliceStore.session("bob").orElseThrow().toBytes();
    RatchetSession.Message first = RatchetSession.fromBytes(saved).encrypt(utf8("same"));
    RatchetSession.Message again = RatchetSession.fromBytes(saved).encrypt(utf8("same"));
    assertThat(again.ciphertext()).isEqualTo(first.ciphertext());
  }

  @Test
  void x3dhWithoutAOneTimePreKeyStillWorks() throws Exception {
    Parties p = new Parties().aliceStarts(false);
    int opkBefore = p.bobStore.oneTimePreKeyCount();
    assertThat(text(p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("no opk")))))
        .isEqualTo("no opk");
    assertThat(p.bobStore.oneTimePreKeyCount()).isEqualTo(opkBefore);
  }

  @Test
  void aOneTimePreKeyCanBeUsedOnlyOnce() throws Exception {
    Parties p = new Parties();
    PreKeyBundle bundle = Parties.bundleOf(p.bobStore, true);
    p.alice.startSession("bob", bundle);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("one")));
    // A second initiator (or a replaying server) reuses the same one-time prekey.
    KeyStoreContents carol = KeyStoreContents.createNew(0);
    E2eSessions carolSessions = new E2eSessions(carol);
    carolSessions.startSession("bob", bundle);
    byte[] reuse = carolSessions.encrypt("bob", utf8("again"));
    assertThatThrownBy(() -> p.bob.decrypt("carol", reuse))
        .isInstanceOfSatisfying(
            DecryptionException.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.UNKNOWN_PREKEY));
  }

  @Test
  void aBundleWithABadSignatureIsRejected() {
    Parties p = new Parties();
    PreKeyBundle good = Parties.bundleOf(p.bobStore, true);
    byte[] sig = good.signedPreKeySignature();
    sig[0] ^= 0x40;
    PreKeyBundle bad =
        new PreKeyBundle(
            good.identity(),
            good.signedPreKeyId(),
            good.signedPreKey(),
            sig,
            good.oneTimePreKeyId(),
            good.oneTimePreKey());
    assertThatThrownBy(() -> p.alice.startSession("bob", bad))
        .isInstanceOf(InvalidBundleException.class);
    // A prekey signed by someone else's identity is rejected too.
    PreKeyBundle foreign =
        new PreKeyBundle(
            p.aliceStore.identity().publicKey(),
            good.signedPreKeyId(),
            good.signedPreKey(),
            good.signedPreKeySignature(),
            null,
            null);
    assertThatThrownBy(() -> p.alice.startSession("bob", foreign))
        .isInstanceOf(InvalidBundleException.class);
    assertThat(p.alice.hasSession("bob")).isFalse();
  }

  @Test
  void longConversationWithBurstsInBothDirections() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    Random rnd = new Random(42);
    int total = 0;
    boolean aliceTurn = true;
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("start")));
    for (int round = 0; round < 60; round++) {
      int burst = 1 + rnd.nextInt(5);
      for (int i = 0; i < burst; i++) {
        String msg = "round " + round + " msg " + i;
        if (aliceTurn) {
          assertThat(text(p.bob.decrypt("alice", p.alice.encrypt("bob", utf8(msg)))))
              .isEqualTo(msg);
        } else {
          assertThat(text(p.alice.decrypt("bob", p.bob.encrypt("alice", utf8(msg)))))
              .isEqualTo(msg);
        }
        total++;
      }
      aliceTurn = rnd.nextBoolean() ? !aliceTurn : aliceTurn;
    }
    assertThat(total).isGreaterThan(100);
  }

  @Test
  void outOfOrderAndLostMessagesAcrossRatchetSteps() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("start")));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("ack")));
    List<byte[]> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(p.alice.encrypt("bob", utf8("m" + i)));
    }
    // Bob answers before seeing anything of the batch, then Alice sends more on a new chain.
    byte[] reply = p.bob.encrypt("alice", utf8("reply"));
    assertThat(text(p.alice.decrypt("bob", reply))).isEqualTo("reply");
    byte[] later = p.alice.encrypt("bob", utf8("later"));
    assertThat(text(p.bob.decrypt("alice", later))).isEqualTo("later");
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    Collections.shuffle(order, new Random(7));
    order.remove(Integer.valueOf(3)); // lost for good
    for (int i : order) {
      assertThat(text(p.bob.decrypt("alice", batch.get(i)))).isEqualTo("m" + i);
    }
    assertThat(p.bobStore.session("alice").orElseThrow().skippedKeyCount()).isEqualTo(1);
  }

  @Test
  void aForgedCopyOfASkippedMessageLeavesItsKeyForTheRealOne() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("start")));
    byte[] first = p.alice.encrypt("bob", utf8("first"));
    byte[] second = p.alice.encrypt("bob", utf8("second"));
    assertThat(text(p.bob.decrypt("alice", second))).isEqualTo("second");
    byte[] forged = first.clone();
    forged[forged.length - 1] ^= 1;
    assertThatThrownBy(() -> p.bob.decrypt("alice", forged))
        .isInstanceOf(DecryptionException.class);
    assertThat(text(p.bob.decrypt("alice", first))).isEqualTo("first");
    assertThat(p.bobStore.session("alice").orElseThrow().skippedKeyCount()).isZero();
  }

  @Test
  void aReplayedMessageIsRejected() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("start")));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("ack")));
    byte[] m = p.alice.encrypt("bob", utf8("once"));
    p.bob.decrypt("alice", m);
    assertThatThrownBy(() -> p.bob.decrypt("alice", m))
        .isInstanceOfSatisfying(
            DecryptionException.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.DUPLICATE));
    // A replay from an older chain, after the ratchet moved on, is rejected too.
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("turn")));
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("new chain")));
    assertThatThrownBy(() -> p.bob.decrypt("alice", m)).isInstanceOf(DecryptionException.class);
    assertThat(text(p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("still fine")))))
        .isEqualTo("still fine");
  }

  @Test
  void flippedBitsAnywhereAreRejectedAndTheSessionSurvives() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("start")));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("ack")));
    byte[] m = p.alice.encrypt("bob", utf8("integrity matters"));
    // Every byte: version/type, header (ratchet key, counters) and ciphertext/tag.
    for (int i = 0; i < m.length; i++) {
      byte[] bad = m.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> p.bob.decrypt("alice", bad))
          .as("flipped byte %d", i)
          .isInstanceOf(DecryptionException.class);
    }
    assertThat(text(p.bob.decrypt("alice", m))).isEqualTo("integrity matters");
  }

  @Test
  void associatedDataBindsBothIdentities() throws Exception {
    // The same ciphertext presented as coming from a session with other identities fails.
    Parties p = new Parties().aliceStarts(true);
    byte[] first = p.alice.encrypt("bob", utf8("bound"));
    Envelope e = Envelope.decode(first);
    IdentityPublicKey mallory = KeyStoreContents.createNew(0).identity().publicKey();
    byte[] swapped = new Envelope(mallory, e.preKey(), e.message()).encode();
    assertThatThrownBy(() -> p.bob.decrypt("alice", swapped))
        .isInstanceOf(DecryptionException.class);
    assertThat(text(p.bob.decrypt("alice", first))).isEqualTo("bound");
  }

  @Test
  void tooManySkippedMessagesAreRejectedWithoutCorruptingTheSession() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("start")));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("ack")));
    byte[] next = p.alice.encrypt("bob", utf8("next"));
    for (int i = 0; i < RatchetSession.MAX_SKIP + 5; i++) {
      p.alice.encrypt("bob", utf8("dropped"));
    }
    byte[] far = p.alice.encrypt("bob", utf8("far"));
    assertThatThrownBy(() -> p.bob.decrypt("alice", far))
        .isInstanceOfSatisfying(
            DecryptionException.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.TOO_MANY_SKIPPED));
    assertThat(text(p.bob.decrypt("alice", next))).isEqualTo("next");
    assertThat(text(p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("ok"))))).isEqualTo("ok");
  }

  @Test
  void forwardSecrecyTheSavedSessionCannotDecryptAnOldMessageAgain() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("start")));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("ack")));
    byte[] secret = p.alice.encrypt("bob", utf8("read once"));
    p.bob.decrypt("alice", secret);
    KeyStoreContents stolen = KeyStoreContents.fromBytes(p.bobStore.toBytes());
    assertThatThrownBy(() -> new E2eSessions(stolen).decrypt("alice", secret))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void initiatorRepeatsX3dhUntilAnsweredAndResponderKeepsOneSession() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    byte[] m1 = p.alice.encrypt("bob", utf8("one"));
    byte[] m2 = p.alice.encrypt("bob", utf8("two"));
    assertThat(Envelope.decode(m2).isPreKeyMessage()).isTrue();
    assertThat(p.bob.decrypt("alice", m1).newSession()).isTrue();
    Decrypted d2 = p.bob.decrypt("alice", m2);
    assertThat(d2.newSession()).isFalse();
    assertThat(text(d2)).isEqualTo("two");
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("answer")));
    assertThat(Envelope.decode(p.alice.encrypt("bob", utf8("three"))).isPreKeyMessage()).isFalse();
  }

  @Test
  void aPeerWithANewIdentityReplacesTheSessionAndIsReported() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("start")));
    // Alice logs in on a new device: new identity, new session to Bob.
    KeyStoreContents newAlice = KeyStoreContents.createNew(0);
    E2eSessions newAliceSessions = new E2eSessions(newAlice);
    newAliceSessions.startSession("bob", Parties.bundleOf(p.bobStore, true));
    Decrypted d = p.bob.decrypt("alice", newAliceSessions.encrypt("bob", utf8("new phone")));
    assertThat(d.newSession()).isTrue();
    assertThat(d.senderIdentity()).isEqualTo(newAlice.identity().publicKey());
    assertThat(p.bob.remoteIdentity("alice")).contains(newAlice.identity().publicKey());
  }

  @Test
  void messagesWithoutASessionAndGarbageGiveClearErrors() {
    Parties p = new Parties();
    assertThatThrownBy(() -> p.bob.decrypt("alice", new byte[] {1, 2, 3}))
        .isInstanceOfSatisfying(
            DecryptionException.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.INVALID));
    assertThatThrownBy(() -> p.bob.decrypt("alice", new byte[] {9, 2, 3}))
        .isInstanceOfSatisfying(
            DecryptionException.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.UNSUPPORTED_VERSION));
    assertThatThrownBy(() -> p.bob.decrypt("alice", new byte[0]))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> p.alice.encrypt("bob", utf8("x")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sessionsSurviveSerialisationMidConversation() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("start")));
    byte[] pendingForBob = p.alice.encrypt("bob", utf8("in flight"));
    byte[] skippedForBob = p.alice.encrypt("bob", utf8("skipped"));
    byte[] afterSkip = p.alice.encrypt("bob", utf8("after"));
    p.bob.decrypt("alice", afterSkip);
    E2eSessions bob2 = new E2eSessions(KeyStoreContents.fromBytes(p.bobStore.toBytes()));
    E2eSessions alice2 = new E2eSessions(KeyStoreContents.fromBytes(p.aliceStore.toBytes()));
    assertThat(text(bob2.decrypt("alice", skippedForBob))).isEqualTo("skipped");
    assertThat(text(bob2.decrypt("alice", pendingForBob))).isEqualTo("in flight");
    assertThat(text(alice2.decrypt("bob", bob2.encrypt("alice", utf8("restart ok")))))
        .isEqualTo("restart ok");
  }

  @Test
  void bothStartingAtOnceLosesNoMessageAndConverges() throws Exception {
    Parties p = new Parties();
    // Each fetches the other's bundle before hearing anything: two key exchanges cross.
    p.alice.startSession("bob", Parties.bundleOf(p.bobStore, true));
    p.bob.startSession("alice", Parties.bundleOf(p.aliceStore, true));
    List<byte[]> toBob = new ArrayList<>();
    List<byte[]> toAlice = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      toBob.add(p.alice.encrypt("bob", utf8("a" + i)));
      toAlice.add(p.bob.encrypt("alice", utf8("b" + i)));
    }
    // Interleaved delivery; each side answers after every message it reads.
    for (int i = 0; i < 3; i++) {
      assertThat(text(p.bob.decrypt("alice", toBob.get(i)))).isEqualTo("a" + i);
      toAlice.add(p.bob.encrypt("alice", utf8("reply b" + i)));
      assertThat(text(p.alice.decrypt("bob", toAlice.get(i)))).isEqualTo("b" + i);
      toBob.add(p.alice.encrypt("bob", utf8("reply a" + i)));
    }
    for (int i = 3; i < toBob.size(); i++) {
      assertThat(text(p.bob.decrypt("alice", toBob.get(i)))).isEqualTo("reply a" + (i - 3));
    }
    for (int i = 3; i < toAlice.size(); i++) {
      assertThat(text(p.alice.decrypt("bob", toAlice.get(i)))).isEqualTo("reply b" + (i - 3));
    }
    // Settled: a long exchange after a reload still works both ways.
    E2eSessions bob2 = new E2eSessions(KeyStoreContents.fromBytes(p.bobStore.toBytes()));
    for (int i = 0; i < 5; i++) {
      assertThat(text(bob2.decrypt("alice", p.alice.encrypt("bob", utf8("x" + i)))))
          .isEqualTo("x" + i);
      assertThat(text(p.alice.decrypt("bob", bob2.encrypt("alice", utf8("y" + i)))))
          .isEqualTo("y" + i);
    }
  }

  @Test
  void onlyAFewSessionsPerPeerAreKept() throws Exception {
    Parties p = new Parties();
    for (int i = 0; i < KeyStoreContents.MAX_SESSIONS_PER_PEER + 3; i++) {
      p.alice.startSession("bob", Parties.bundleOf(p.bobStore, false));
    }
    assertThat(p.aliceStore.sessions("bob")).hasSize(KeyStoreContents.MAX_SESSIONS_PER_PEER);
    assertThat(KeyStoreContents.fromBytes(p.aliceStore.toBytes()).sessions("bob"))
        .hasSize(KeyStoreContents.MAX_SESSIONS_PER_PEER);
  }
}
