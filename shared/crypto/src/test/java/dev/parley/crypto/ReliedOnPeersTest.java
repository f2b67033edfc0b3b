package dev.parley.crypto;

import static dev.parley.crypto.Parties.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Strangers made up by a hostile server never push out an identity the user relies on, after which
 * the server's own key under that name would pass without a notice.
 */
class ReliedOnPeersTest {
  private static final int LIMIT = 20;

  private static byte[] firstMessageFrom(KeyStoreContents to, String text) throws Exception {
    E2eSessions stranger = new E2eSessions(KeyStoreContents.createNew(0));
    stranger.startSession("victim", Parties.bundleOf(to, false));
    return stranger.encrypt("victim", utf8(text));
  }

  private static void flood(E2eSessions victim, KeyStoreContents store) throws Exception {
    for (int i = 0; i < LIMIT; i++) {
      victim.decrypt("ghost" + i, firstMessageFrom(store, "spam"));
    }
  }

  /**
   * Bob wrote to Alice; she read him (or has him as a contact) and never wrote back. The client
   * says so with {@code relyOn} when the user reads a conversation and for every contact.
   */
  @Test
  void aPeerWhoseMessagesTheUserReadIsNeverPushedOut() throws Exception {
    Parties p = new Parties();
    p.bob.startSession("alice", Parties.bundleOf(p.aliceStore, false));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("hi, this is bob")));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("the meeting moved to 5")));
    p.alice.relyOn("bob");
    p.aliceStore.limitTrustedPeersForTest(LIMIT);

    flood(p.alice, p.aliceStore);

    // The server now forges "bob" with a key of its own: this must be a key change.
    Decrypted forged = p.alice.decrypt("bob", firstMessageFrom(p.aliceStore, "meeting is off"));
    assertThat(forged.identityChange())
        .as("a new key for bob, whose messages Alice has been reading, comes with a notice")
        .isNotNull();
  }

  /**
   * A store of format 3 (written before peers were marked relied on) keeps every peer it holds:
   * there is no telling whom the user relied on.
   */
  @Test
  void peersOfAFormatThreeStoreAreAllReliedOn() throws Exception {
    Parties p = new Parties().aliceStarts(false);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("hi bob")));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("hi alice")));
    p.alice.encrypt("bob", utf8("see you at 5"));

    byte[] bytes = p.aliceStore.toBytes();
    clearEngagedBit(bytes, "bob", p.bobStore.identity().publicKey().encoded());
    bytes[3] = 3; // the format number (big-endian int first)
    KeyStoreContents upgraded = KeyStoreContents.fromBytes(bytes);
    upgraded.limitTrustedPeersForTest(LIMIT);
    E2eSessions alice = new E2eSessions(upgraded);

    flood(alice, upgraded);

    assertThat(upgraded.trustedPeers())
        .as("bob, whom Alice wrote to before upgrading, is still on record")
        .containsKey("bob");
  }

  /** Once verified (or held), always relied on: accepting a new key does not make a stranger. */
  @Test
  void aPeerOnceVerifiedAndHeldStaysReliedOnAfterAccepting() throws Exception {
    Parties p = new Parties();
    p.bob.startSession("alice", Parties.bundleOf(p.aliceStore, false));
    p.alice.decrypt("bob", p.bob.encrypt("alice", utf8("hi")));
    p.alice.setVerified("bob", p.bobStore.identity().publicKey(), true);
    KeyStoreContents bobNew = KeyStoreContents.createNew(0);
    E2eSessions bob2 = new E2eSessions(bobNew);
    bob2.startSession("alice", Parties.bundleOf(p.aliceStore, false));
    Decrypted d = p.alice.decrypt("bob", bob2.encrypt("alice", utf8("new phone")));
    assertThat(d.identityChange()).isNotNull();
    assertThat(p.alice.isHeld("bob")).isTrue();
    p.alice.acceptIdentity("bob", bobNew.identity().publicKey());
    p.aliceStore.limitTrustedPeersForTest(LIMIT);

    flood(p.alice, p.aliceStore);

    assertThat(p.aliceStore.trustedPeers())
        .as("bob, once verified and held, is still on record")
        .containsKey("bob");
  }

  /** Clears the "relied on" bit of one trust entry in saved contents. */
  private static void clearEngagedBit(byte[] bytes, String peer, byte[] identity) {
    byte[] name = peer.getBytes(StandardCharsets.UTF_8);
    byte[] needle = new byte[2 + name.length + identity.length];
    needle[0] = (byte) (name.length >> 8);
    needle[1] = (byte) name.length;
    System.arraycopy(name, 0, needle, 2, name.length);
    System.arraycopy(identity, 0, needle, 2 + name.length, identity.length);
    outer:
    for (int i = 0; i + needle.length < bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      int flag = i + needle.length;
      assertThat(bytes[flag] & 4).as("relied-on bit").isEqualTo(4);
      bytes[flag] &= ~4;
      return;
    }
    throw new AssertionError("trust entry not found");
  }
}
