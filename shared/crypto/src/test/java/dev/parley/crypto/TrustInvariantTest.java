package dev.parley.crypto;

import static dev.parley.crypto.Parties.text;
import static dev.parley.crypto.Parties.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The invariant a hostile server probes: no session is created or made current under an identity
 * other than the one on record without the key-change flow, and no envelope can be replayed into a
 * new session.
 */
class TrustInvariantTest {
  /** Alice and Bob talk; Alice has verified Bob. Mallory holds Alice's public bundle. */
  private static Parties verifiedPair() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("hi bob")));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("hi alice")));
    p.alice.setVerified("bob", p.bobStore.identity().publicKey(), true);
    return p;
  }

  /** An X3DH message "from bob" built on Alice's bundle with an attacker's own identity. */
  private static byte[] forgedPreKeyMessage(Parties p, String text) throws Exception {
    E2eSessions mallory = new E2eSessions(KeyStoreContents.createNew(0));
    mallory.startSession("alice", Parties.bundleOf(p.aliceStore, false));
    return mallory.encrypt("alice", utf8(text));
  }

  @Test
  void aTypingNoticeUnderAnotherIdentityIsRefusedAndChangesNothing() throws Exception {
    Parties p = verifiedPair();
    IdentityPublicKey bobKey = p.bobStore.identity().publicKey();
    byte[] forged = forgedPreKeyMessage(p, "typing");

    assertThatThrownBy(() -> p.alice.decrypt("bob", forged, E2eSessions.Channel.EPHEMERAL))
        .isInstanceOfSatisfying(
            DecryptionException.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.UNTRUSTED_IDENTITY));

    assertThat(p.alice.remoteIdentity("bob")).contains(bobKey);
    assertThat(p.alice.trust("bob").orElseThrow().verified()).isTrue();
    // Alice's next message is still for Bob, not for the attacker.
    assertThat(text(p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("still you?")))))
        .isEqualTo("still you?");
  }

  @Test
  void aTypingNoticeCannotStartASessionEvenWithATrustedKey() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    // Alice's first message has not arrived; a typing notice carrying the same X3DH is refused.
    byte[] typing = p.alice.encrypt("bob", utf8("typing"));
    assertThatThrownBy(() -> p.bob.decrypt("alice", typing, E2eSessions.Channel.EPHEMERAL))
        .isInstanceOf(DecryptionException.class);
    assertThat(p.bob.hasSession("alice")).isFalse();
  }

  @Test
  void aStoredMessageUnderAnotherIdentityGoesThroughTheKeyChangeFlowAndHoldsSending()
      throws Exception {
    Parties p = verifiedPair();
    IdentityPublicKey bobKey = p.bobStore.identity().publicKey();

    Decrypted d = p.alice.decrypt("bob", forgedPreKeyMessage(p, "it's me, new phone"));

    IdentityChange change = d.identityChange();
    assertThat(change).isNotNull();
    assertThat(change.previous()).isEqualTo(bobKey);
    assertThat(change.wasVerified()).isTrue();
    assertThat(change.sendingHeld()).isTrue();
    PeerTrust now = p.alice.trust("bob").orElseThrow();
    assertThat(now.verified()).isFalse();
    assertThat(now.held()).isTrue();
    assertThatThrownBy(() -> p.alice.encrypt("bob", utf8("secret")))
        .isInstanceOf(SendingHeldException.class);

    p.alice.acceptIdentity("bob", p.alice.remoteIdentity("bob").orElseThrow());
    assertThat(p.alice.encrypt("bob", utf8("ok, accepted"))).isNotEmpty();
  }

  @Test
  void switchingBackToTheOldIdentityIsAKeyChangeToo() throws Exception {
    Parties p = verifiedPair();
    p.alice.decrypt("bob", forgedPreKeyMessage(p, "mallory"));
    // The real Bob writes again on the old session: not silently current again.
    Decrypted back = p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("real bob")));
    assertThat(text(back)).isEqualTo("real bob");
    assertThat(back.identityChange()).isNotNull();
    assertThat(back.identityChange().current()).isEqualTo(p.bobStore.identity().publicKey());
    assertThat(p.alice.isHeld("bob")).isTrue();
  }

  @Test
  void aBundleUnderAnotherIdentityGoesThroughTheKeyChangeFlow() throws Exception {
    Parties p = verifiedPair();
    KeyStoreContents mallory = KeyStoreContents.createNew(0);
    var change = p.alice.startSession("bob", Parties.bundleOf(mallory, true));
    assertThat(change).isPresent();
    assertThat(change.get().sendingHeld()).isTrue();
    assertThatThrownBy(() -> p.alice.encrypt("bob", utf8("x")))
        .isInstanceOf(SendingHeldException.class);
  }

  @Test
  void verifyingAcceptsAndReleasesHeldMessages() throws Exception {
    Parties p = verifiedPair();
    p.alice.decrypt("bob", forgedPreKeyMessage(p, "hi"));
    assertThat(p.alice.isHeld("bob")).isTrue();
    p.alice.setVerified("bob", p.alice.remoteIdentity("bob").orElseThrow(), true);
    assertThat(p.alice.isHeld("bob")).isFalse();
    assertThat(p.alice.trust("bob").orElseThrow().verified()).isTrue();
  }

  @Test
  void aKeyThatArrivedWhileTheUserComparedIsNeitherVerifiedNorAccepted() throws Exception {
    Parties p = verifiedPair();
    IdentityPublicKey newLaptop = KeyStoreContents.createNew(0).identity().publicKey();
    // Bob's real new key arrives; the user looks at the safety number made from it ...
    p.alice.startSession("bob", Parties.bundleOf(KeyStoreContents.createNew(0), false));
    IdentityPublicKey compared = p.alice.remoteIdentity("bob").orElseThrow();
    // ... and before the click, the server slips in a key of its own.
    p.alice.decrypt("bob", forgedPreKeyMessage(p, "me again"));
    assertThatThrownBy(() -> p.alice.setVerified("bob", compared, true))
        .isInstanceOf(IdentityMismatchException.class);
    assertThatThrownBy(() -> p.alice.acceptIdentity("bob", compared))
        .isInstanceOf(IdentityMismatchException.class);
    assertThatThrownBy(() -> p.alice.acceptIdentity("bob", newLaptop))
        .isInstanceOf(IdentityMismatchException.class);
    assertThat(p.alice.isHeld("bob")).isTrue();
    assertThat(p.alice.trust("bob").orElseThrow().verified()).isFalse();
    // Removing a verified mark needs no comparison.
    p.alice.setVerified("bob", null, false);
  }

  @Test
  void firstContactIsRecordedWithoutANotice() throws Exception {
    Parties p = new Parties().aliceStarts(false);
    Decrypted d = p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("hello")));
    assertThat(d.identityChange()).isNull();
    assertThat(p.bob.remoteIdentity("alice")).contains(p.aliceStore.identity().publicKey());
    assertThat(p.bob.trust("alice").orElseThrow().verified()).isFalse();
  }

  @Test
  void aReplayedPreKeyMessageCannotRecreateAnEvictedSession() throws Exception {
    Parties p = new Parties().aliceStarts(false);
    byte[] first = p.alice.encrypt("bob", utf8("first, no one-time prekey"));
    assertThat(text(p.bob.decrypt("alice", first))).isEqualTo("first, no one-time prekey");
    // Alice starts enough new sessions (new devices' worth) to evict the first one at Bob's.
    for (int i = 0; i < KeyStoreContents.MAX_SESSIONS_PER_PEER; i++) {
      p.alice.startSession("bob", Parties.bundleOf(p.bobStore, false));
      p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("session " + i)));
    }
    assertThatThrownBy(() -> p.bob.decrypt("alice", first))
        .isInstanceOfSatisfying(
            DecryptionException.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.DUPLICATE));
    // ... also after the key store was saved and loaded again.
    E2eSessions reloaded = new E2eSessions(KeyStoreContents.fromBytes(p.bobStore.toBytes()));
    assertThatThrownBy(() -> reloaded.decrypt("alice", first))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void trustSurvivesSavingAndLoading() throws Exception {
    Parties p = verifiedPair();
    p.alice.decrypt("bob", forgedPreKeyMessage(p, "x"));
    KeyStoreContents loaded = KeyStoreContents.fromBytes(p.aliceStore.toBytes());
    assertThat(loaded.trust("bob")).isEqualTo(p.aliceStore.trust("bob"));
    assertThat(loaded.trust("bob").orElseThrow().held()).isTrue();
    assertThat(loaded.usesAuthKey()).isTrue();
  }
}
