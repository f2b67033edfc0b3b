package dev.parley.app.auth;

import dev.parley.protocol.PasswordPolicy;
import dev.parley.protocol.PasswordPolicy.Rule;
import java.util.ArrayList;
import java.util.List;

/** The broken password rules as one sentence a person can act on. */
final class PasswordAdvice {
  private PasswordAdvice() {}

  /** What {@code broken} asks for, or "" when nothing is broken. */
  static String of(List<Rule> broken) {
    List<String> needs = new ArrayList<>();
    if (broken.contains(Rule.TOO_SHORT)) {
      needs.add("at least " + PasswordPolicy.MIN_CHARS + " characters");
    }
    if (broken.contains(Rule.NO_UPPERCASE)) {
      needs.add("a capital letter");
    }
    if (broken.contains(Rule.NO_DIGIT)) {
      needs.add("a digit");
    }
    List<String> sentences = new ArrayList<>();
    if (!needs.isEmpty()) {
      sentences.add("The password needs " + joined(needs) + ".");
    }
    if (broken.contains(Rule.TOO_LONG)) {
      sentences.add(
          "The password is too long: at most "
              + PasswordPolicy.MAX_BYTES
              + " bytes (accents and emoji take more than one).");
    }
    if (broken.contains(Rule.EQUALS_USERNAME)) {
      sentences.add("The password must not be your username.");
    }
    return String.join(" ", sentences);
  }

  private static String joined(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }
}
