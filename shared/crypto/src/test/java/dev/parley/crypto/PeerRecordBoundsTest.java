package dev.parley.crypto;

import static dev.parley.crypto.Parties.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A hostile server inventing peers can fill the record of identities, but never lock the user out
 * of new contacts nor push out an identity the user relies on.
 */
class PeerRecordBoundsTest {
  private static final int LIMIT = 20;

  private static byte[] firstMessageFrom(KeyStoreContents to) throws Exception {
    E2eSessions stranger = new E2eSessions(KeyStoreContents.createNew(0));
    stranger.startSession("victim", Parties.bundleOf(to, false));
    return stranger.encrypt("victim", utf8("hello"));
  }

  @Test
  void strangersMadeUpByAServerMakeRoomForARealNewContact() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("hi")));
    p.bob.encrypt("alice", utf8("hi back")); // Bob relies on Alice's key now
    p.bobStore.limitTrustedPeersForTest(LIMIT);
    for (int i = 0; i < LIMIT * 3; i++) {
      p.bob.decrypt("ghost" + i, firstMessageFrom(p.bobStore));
    }
    assertThat(p.bobStore.trustedPeers()).hasSize(LIMIT);
    // A real new contact can still be reached...
    KeyStoreContents carol = KeyStoreContents.createNew(0);
    p.bob.startSession("carol", Parties.bundleOf(carol, true));
    assertThat(p.bob.encrypt("carol", utf8("hi carol"))).isNotEmpty();
    // ... and Alice, whom Bob wrote to, kept her identity on record.
    assertThat(p.bob.remoteIdentity("alice")).contains(p.aliceStore.identity().publicKey());
  }

  @Test
  void identitiesTheUserReliesOnAreNeverPushedOut() throws Exception {
    KeyStoreContents victimStore = KeyStoreContents.createNew(0);
    E2eSessions victim = new E2eSessions(victimStore);
    victimStore.limitTrustedPeersForTest(LIMIT);
    for (int i = 0; i < LIMIT; i++) {
      victim.startSession("friend" + i, Parties.bundleOf(KeyStoreContents.createNew(0), false));
      victim.encrypt("friend" + i, utf8("hi"));
    }
    assertThatThrownBy(() -> victim.decrypt("ghost", firstMessageFrom(victimStore)))
        .isInstanceOfSatisfying(
            DecryptionException.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.TOO_MANY_PEERS));
    assertThat(victimStore.trustedPeers()).containsKey("friend0");
    // The record survives a restart with what it relies on.
    KeyStoreContents reloaded = KeyStoreContents.fromBytes(victimStore.toBytes());
    reloaded.limitTrustedPeersForTest(LIMIT);
    assertThatThrownBy(() -> new E2eSessions(reloaded).decrypt("ghost", firstMessageFrom(reloaded)))
        .isInstanceOf(DecryptionException.class);
  }
}
