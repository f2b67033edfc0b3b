package dev.parley.crypto;

import static dev.parley.crypto.Parties.text;
import static dev.parley.crypto.Parties.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Saving by parts writes only what changed; what is written is always enough to rebuild the whole
 * state. If any mutation forgot to mark its peer or the core changed, the rebuilt copy would differ
 * from the live one (or fail to decrypt the next message).
 */
class KeyStorePartsTest {
  /** Rows as a database would hold them: the core record and one record per peer. */
  private static final class Rows {
    byte[] core;
    final Map<String, byte[]> peers = new HashMap<>();
    int peerWrites;

    void save(KeyStoreContents c) {
      KeyStoreContents.Changes ch = c.changes();
      if (ch.core() != null) {
        core = ch.core();
      }
      ch.peers()
          .forEach(
              (peer, record) -> {
                peerWrites++;
                if (record == null) {
                  peers.remove(peer);
                } else {
                  peers.put(peer, record);
                }
              });
      c.markSaved();
    }

    KeyStoreContents rebuild() {
      return KeyStoreContents.fromParts(core, new ArrayList<>(peers.values()));
    }
  }

  private static void assertSameState(KeyStoreContents live, KeyStoreContents rebuilt) {
    live.markAllChanged();
    rebuilt.markAllChanged();
    KeyStoreContents.Changes a = live.changes();
    KeyStoreContents.Changes b = rebuilt.changes();
    assertThat(b.core()).isEqualTo(a.core());
    assertThat(b.peers().keySet()).containsExactlyInAnyOrderElementsOf(a.peers().keySet());
    a.peers().forEach((peer, record) -> assertThat(b.peers().get(peer)).as(peer).isEqualTo(record));
    live.markSaved();
    rebuilt.markSaved();
  }

  @Test
  void aRatchetStepChangesOnePeerRecordAndNotTheCore() throws Exception {
    Parties p = new Parties().aliceStarts(true);
    Rows bobRows = new Rows();
    bobRows.save(p.bobStore);
    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("first, with X3DH")));
    KeyStoreContents.Changes first = p.bobStore.changes();
    assertThat(first.core()).as("the one-time prekey was used up").isNotNull();
    bobRows.save(p.bobStore);

    p.bob.decrypt("alice", p.alice.encrypt("bob", utf8("second")));
    KeyStoreContents.Changes second = p.bobStore.changes();
    assertThat(second.core()).isNull();
    assertThat(second.peers()).containsOnlyKeys("alice");
  }

  @Test
  void randomConversationsStoredByPartsRebuildToTheSameState() throws Exception {
    Random random = new Random(42);
    KeyStoreContents hub = KeyStoreContents.createNew(0);
    E2eSessions hubSessions = new E2eSessions(hub);
    Rows rows = new Rows();
    rows.save(hub);
    List<KeyStoreContents> others = new ArrayList<>();
    List<E2eSessions> otherSessions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      KeyStoreContents c = KeyStoreContents.createNew(0);
      others.add(c);
      otherSessions.add(new E2eSessions(c));
      otherSessions.get(i).startSession("hub", Parties.bundleOf(hub, i == 0)); // one OTPK, once
    }
    List<byte[]> delayed = new ArrayList<>();
    List<Integer> delayedFrom = new ArrayList<>();
    for (int step = 0; step < 400; step++) {
      int who = random.nextInt(others.size());
      String peer = "peer" + who;
      switch (random.nextInt(6)) {
        case 0, 1 -> {
          byte[] env = otherSessions.get(who).encrypt("hub", utf8("to hub " + step));
          if (random.nextInt(4) == 0) {
            delayed.add(env); // arrives out of order later: skipped keys
            delayedFrom.add(who);
          } else {
            hubSessions.decrypt(peer, env);
          }
        }
        case 2 -> {
          if (hubSessions.hasSession(peer)) {
            otherSessions.get(who).decrypt("hub", hubSessions.encrypt(peer, utf8("to " + peer)));
          }
        }
        case 3 -> {
          if (!delayed.isEmpty()) {
            int k = random.nextInt(delayed.size());
            hubSessions.decrypt("peer" + delayedFrom.remove(k), delayed.remove(k));
          }
        }
        case 4 -> {
          if (hubSessions.trust(peer).isPresent()) {
            hubSessions.setVerified(peer, hubSessions.remoteIdentity(peer).orElseThrow(), true);
          }
        }
        default -> {
          if (random.nextInt(10) == 0) {
            hub.rotateSignedPreKey(step);
            hub.generateOneTimePreKeys(3);
          }
        }
      }
      if (random.nextInt(3) == 0) {
        rows.save(hub);
        assertSameState(hub, rows.rebuild());
      }
    }
    rows.save(hub);
    KeyStoreContents rebuilt = rows.rebuild();
    assertSameState(hub, rebuilt);
    // The rebuilt copy goes on where the live one stopped.
    E2eSessions again = new E2eSessions(rebuilt);
    for (int who = 0; who < others.size(); who++) {
      byte[] env = otherSessions.get(who).encrypt("hub", utf8("after rebuild " + who));
      assertThat(text(again.decrypt("peer" + who, env))).isEqualTo("after rebuild " + who);
    }
    assertThat(rows.peerWrites).as("only changed peers were written").isLessThan(400 * 5);
  }
}
