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
}
