package dev.parley.crypto;

import static dev.parley.crypto.Parties.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * What others can make a device store is bounded, and a large store written before stays readable.
 */
class KeyStoreBoundsTest {
  @Test
  void refillingOverAndOverNeverKeepsMoreThanTheCap() {
    KeyStoreContents c = KeyStoreContents.createNew(0);
    for (int i = 0; i < 50; i++) {
      // What a flood of keys_low used to cause: another full batch every time.
      c.topUpOneTimePreKeys(0);
    }
    assertThat(c.oneTimePreKeyCount()).isEqualTo(KeyStoreContents.MAX_ONE_TIME_PREKEYS);
    // The newest are kept: the oldest were handed out first.
    int newest = c.unusedOneTimePreKeys().get(c.oneTimePreKeyCount() - 1).id();
    assertThat(c.unusedOneTimePreKeys().get(0).id())
        .isEqualTo(newest - KeyStoreContents.MAX_ONE_TIME_PREKEYS + 1);
    assertThat(KeyStoreContents.fromBytes(c.toBytes()).oneTimePreKeyCount())
        .isEqualTo(KeyStoreContents.MAX_ONE_TIME_PREKEYS);
  }

  @Test
  void aTopUpOnlyFillsThePool() {
    KeyStoreContents c = KeyStoreContents.createNew(0);
    assertThat(c.topUpOneTimePreKeys(KeyStoreContents.PREKEY_BATCH)).isEmpty();
    assertThat(c.topUpOneTimePreKeys(250)).isEmpty();
    assertThat(c.topUpOneTimePreKeys(19)).hasSize(KeyStoreContents.PREKEY_BATCH - 19);
  }

  @Test
  void aLargeStoreWrittenByAnOlderBuildIsReadAndTrimmed() throws Exception {
    // Format 2 as wave 1 wrote it, bloated by a keys_low flood: 150,000 one-time prekeys.
    SecureRandom random = new SecureRandom();
    KeyStoreContents real = KeyStoreContents.createNew(0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(2);
      out.write(real.identity().dh().publicKey());
      out.write(real.identity().dh().privateKey());
      out.write(real.identity().sign().publicKey());
      out.write(real.identity().sign().privateKey());
      out.write(real.localDataKey());
      out.writeInt(2);
      out.writeInt(150_001);
      SignedPreKey spk = real.currentSignedPreKey();
      out.writeInt(1);
      out.writeInt(spk.id());
      out.write(spk.key().publicKey());
      out.write(spk.key().privateKey());
      out.write(spk.signature());
      out.writeLong(spk.createdAtMillis());
      out.writeInt(150_000);
      byte[] key = new byte[32];
      for (int i = 1; i <= 150_000; i++) {
        out.writeInt(i);
        random.nextBytes(key);
        out.write(key);
        out.write(key);
      }
      out.writeInt(0);
    }
    KeyStoreContents loaded = KeyStoreContents.fromBytes(bytes.toByteArray());
    assertThat(loaded.oneTimePreKeyCount()).isEqualTo(KeyStoreContents.MAX_ONE_TIME_PREKEYS);
    assertThat(loaded.oneTimePreKeyCount()).isLessThan(150_000);
    assertThat(loaded.identity().publicKey()).isEqualTo(real.identity().publicKey());
    // Written by the build that sent passwords, and before trust moved into the key store.
    assertThat(loaded.usesAuthKey()).isFalse();
    assertThat(loaded.trustImported()).isFalse();
  }

  @Test
  void skippedKeysAcrossAllSessionsAreBounded() throws Exception {
    KeyStoreContents aliceStore = KeyStoreContents.createNew(0);
    E2eSessions alice = new E2eSessions(aliceStore);
    int senders = KeyStoreContents.MAX_SKIPPED_KEYS_TOTAL / RatchetSession.MAX_SKIP + 3;
    for (int i = 0; i < senders; i++) {
      E2eSessions stranger = new E2eSessions(KeyStoreContents.createNew(0));
      stranger.startSession("alice", Parties.bundleOf(aliceStore, false));
      byte[] m = null;
      for (int n = 0; n <= RatchetSession.MAX_SKIP; n++) {
        m = stranger.encrypt("alice", utf8("m" + n));
      }
      // Only the last arrives: every earlier key is kept as skipped.
      alice.decrypt("stranger" + i, m);
    }
    assertThat(aliceStore.skippedKeyCount())
        .isLessThanOrEqualTo(KeyStoreContents.MAX_SKIPPED_KEYS_TOTAL);
  }

  @Test
  void peersWithSessionsAreBounded() throws Exception {
    KeyStoreContents aliceStore = KeyStoreContents.createNew(0);
    E2eSessions alice = new E2eSessions(aliceStore);
    PreKeyBundle bundle = Parties.bundleOf(KeyStoreContents.createNew(0), false);
    for (int i = 0; i < KeyStoreContents.MAX_PEERS_WITH_SESSIONS + 10; i++) {
      alice.startSession("peer" + i, bundle);
    }
    assertThat(aliceStore.peersWithSessions()).isEqualTo(KeyStoreContents.MAX_PEERS_WITH_SESSIONS);
    // The most recent peer keeps its session; the least recently used lost theirs.
    assertThat(alice.hasSession("peer" + (KeyStoreContents.MAX_PEERS_WITH_SESSIONS + 9))).isTrue();
    assertThat(alice.hasSession("peer0")).isFalse();
    // ... but not its identity on record, so a new key for it is still noticed.
    assertThat(alice.remoteIdentity("peer0")).isPresent();
  }
}
