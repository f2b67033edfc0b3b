package dev.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafetyNumberTest {
  private final IdentityPublicKey alice = IdentityKeyPair.generate().publicKey();
  private final IdentityPublicKey bob = IdentityKeyPair.generate().publicKey();

  @Test
  void identicalOnBothSidesAndSixtyDigitsInTwelveGroups() {
    SafetyNumber a = SafetyNumber.of("alice", alice, "bob", bob);
    SafetyNumber b = SafetyNumber.of("bob", bob, "alice", alice);
    assertThat(a).isEqualTo(b);
    assertThat(a.digits()).hasSize(60).containsOnlyDigits();
    assertThat(a.groups()).hasSize(12).allSatisfy(g -> assertThat(g).hasSize(5));
    assertThat(String.join("", a.groups())).isEqualTo(a.digits());
  }

  @Test
  void stableForTheSameKeysAndChangedByAnyKeyOrName() {
    SafetyNumber a = SafetyNumber.of("alice", alice, "bob", bob);
    assertThat(SafetyNumber.of("alice", alice, "bob", bob)).isEqualTo(a);
    IdentityPublicKey newBob = IdentityKeyPair.generate().publicKey();
    assertThat(SafetyNumber.of("alice", alice, "bob", newBob)).isNotEqualTo(a);
    assertThat(SafetyNumber.of("alice", alice, "bobby", bob)).isNotEqualTo(a);
    // Only Bob's half changes when only Bob's key changes.
    String before = a.digits();
    String after = SafetyNumber.of("alice", alice, "bob", newBob).digits();
    boolean aliceHalfKept =
        after.contains(before.substring(0, 30)) || after.contains(before.substring(30));
    assertThat(aliceHalfKept).isTrue();
  }

  /** The vector SECURITY.md gives, so an independent implementation can check itself. */
  @Test
  void matchesThePublishedTestVector() {
    byte[] aliceDh = new byte[32];
    byte[] aliceSign = new byte[32];
    byte[] bobDh = new byte[32];
    byte[] bobSign = new byte[32];
    for (int i = 0; i < 32; i++) {
      aliceDh[i] = (byte) (0x01 + i);
      aliceSign[i] = (byte) (0x21 + i);
      bobDh[i] = (byte) (0x41 + i);
      bobSign[i] = (byte) (0x61 + i);
    }
    SafetyNumber n =
        SafetyNumber.of(
            "alice",
            new IdentityPublicKey(aliceDh, aliceSign),
            "bob",
            new IdentityPublicKey(bobDh, bobSign));
    assertThat(n.digits())
        .isEqualTo("565094894919183387065519654183817837626656630050876499100722");
    assertThat(n.toString())
        .isEqualTo("56509 48949 19183 38706 55196 54183 81783 76266 56630 05087 64991 00722");
  }
}
