package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.PasswordPolicy.Rule;
import org.junit.jupiter.api.Test;

/** The password rules of docs/PROTOCOL.md §5, each on both sides of its boundary. */
class PasswordPolicyTest {

  @Test
  void aGoodPasswordBreaksNothing() {
    assertThat(PasswordPolicy.violations("alice", "Sup3rSecret")).isEmpty();
    assertThat(PasswordPolicy.violationCodes("alice", "Sup3rSecret")).isEmpty();
  }

  @Test
  void atLeastEightCodePoints() {
    assertThat(PasswordPolicy.violations("alice", "Abcdef1")).containsExactly(Rule.TOO_SHORT);
    assertThat(PasswordPolicy.violations("alice", "Abcdefg1")).isEmpty();
    // Code points, not UTF-16 units: seven emoji and a capital are 8 characters but no digit.
    assertThat(PasswordPolicy.violations("alice", "A1" + "\ud83d\ude00".repeat(5)))
        .containsExactly(Rule.TOO_SHORT);
    assertThat(PasswordPolicy.violations("alice", "A1" + "\ud83d\ude00".repeat(6))).isEmpty();
  }

  @Test
  void aCapitalAndADigit() {
    assertThat(PasswordPolicy.violations("alice", "abcdefg1")).containsExactly(Rule.NO_UPPERCASE);
    assertThat(PasswordPolicy.violations("alice", "Abcdefgh")).containsExactly(Rule.NO_DIGIT);
    // Any script's capitals and digits count.
    assertThat(PasswordPolicy.violations("alice", "Éabcdef\u0663")).isEmpty();
  }

  @Test
  void atMost72Utf8Bytes() {
    assertThat(PasswordPolicy.violations("alice", "A1" + "x".repeat(70))).isEmpty();
    assertThat(PasswordPolicy.violations("alice", "A1" + "x".repeat(71)))
        .containsExactly(Rule.TOO_LONG);
    // 36 two-byte characters are 72 bytes; 37 are 74.
    assertThat(PasswordPolicy.violations("alice", "A1" + "é".repeat(35))).isEmpty();
    assertThat(PasswordPolicy.violations("alice", "A1" + "é".repeat(36)))
        .containsExactly(Rule.TOO_LONG);
  }

  @Test
  void notTheUsernameIgnoringCase() {
    assertThat(PasswordPolicy.violations("Alice.Smith1", "alice.SMITH1"))
        .containsExactly(Rule.EQUALS_USERNAME);
    assertThat(PasswordPolicy.violations(" bob.Smith1 ", "Bob.Smith1"))
        .containsExactly(Rule.EQUALS_USERNAME);
    assertThat(PasswordPolicy.violations("bob.smith1", "Bob.Smith12")).isEmpty();
  }

  @Test
  void everyBrokenRuleInChecklistOrder() {
    assertThat(PasswordPolicy.violationCodes("abc", "abc"))
        .containsExactly("too_short", "no_uppercase", "no_digit", "equals_username");
    assertThat(PasswordPolicy.violationCodes("abc", null))
        .containsExactly("too_short", "no_uppercase", "no_digit");
    assertThat(PasswordPolicy.violationCodes("abc", ""))
        .containsExactly("too_short", "no_uppercase", "no_digit");
  }

  @Test
  void rulesHaveStableCodesAndSentences() {
    assertThat(Rule.TOO_LONG.code()).isEqualTo("too_long");
    assertThat(Rule.TOO_SHORT.description()).isEqualTo("At least 8 characters");
    assertThat(PasswordPolicy.MIN_CHARS).isEqualTo(8);
    assertThat(PasswordPolicy.MAX_BYTES).isEqualTo(72);
  }
}
