package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthKeyTest {
  /** The vector PROTOCOL.md gives (checked against Python's hashlib.pbkdf2_hmac). */
  @Test
  void matchesThePublishedTestVector() {
    assertThat(AuthKey.derive("alice", "Passw0rdOK".toCharArray()))
        .isEqualTo("eWY5Q2CK/tnng75PUYCjcQQULw4vUwvy69nOozkkS1o=");
  }

  @Test
  void saltedWithTheCanonicalUsernameAndNeverThePasswordItself() {
    char[] pw = "Passw0rdOK".toCharArray();
    String key = AuthKey.derive(" Alice ", pw, 1_000);
    assertThat(key).isEqualTo(AuthKey.derive("alice", pw, 1_000));
    assertThat(key).isNotEqualTo(AuthKey.derive("bob", pw, 1_000));
    assertThat(key).doesNotContain("Passw0rdOK").hasSize(44);
    // The caller's array is left as it was: wiping it is the caller's choice.
    assertThat(new String(pw)).isEqualTo("Passw0rdOK");
  }
}
