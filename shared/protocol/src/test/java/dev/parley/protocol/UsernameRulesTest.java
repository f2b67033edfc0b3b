package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usernames: 3–32 characters of {@code [a-z0-9_.-]} after trimming and lower-casing. */
class UsernameRulesTest {

  @Test
  void canonicalTrimsAndLowerCases() {
    assertThat(UsernameRules.canonical("  Bob.Smith ")).isEqualTo("bob.smith");
    assertThat(UsernameRules.canonical(null)).isEmpty();
    // Root locale: a Turkish default locale must not turn I into a dotless ı.
    assertThat(UsernameRules.canonical("IVAN")).isEqualTo("ivan");
  }

  @Test
  void lengthBoundaries() {
    assertThat(UsernameRules.problem("ab")).contains("A username needs at least 3 characters.");
    assertThat(UsernameRules.isValid("abc")).isTrue();
    assertThat(UsernameRules.isValid("a".repeat(32))).isTrue();
    assertThat(UsernameRules.problem("a".repeat(33)))
        .contains("A username has at most 32 characters.");
    // Trimmed before counting.
    assertThat(UsernameRules.problem(" ab ")).contains("A username needs at least 3 characters.");
    assertThat(UsernameRules.problem(null)).contains("A username needs at least 3 characters.");
  }

  @Test
  void charset() {
    assertThat(UsernameRules.isValid("a_b.c-9")).isTrue();
    assertThat(UsernameRules.isValid("ABC")).isTrue();
    for (String bad : new String[] {"a b", "a+b", "é-abc", "abc!", "a\u0000b", "ab\ud83d\ude00"}) {
      assertThat(UsernameRules.problem(bad))
          .as(bad)
          .contains("Use only letters a–z, digits, '.', '_' and '-' in a username.");
    }
  }

  @Test
  void theProblemNeverRepeatsTheInput() {
    String secretish = "Sup3rSecret!";
    assertThat(UsernameRules.problem(secretish)).get().asString().doesNotContain(secretish);
  }
}
