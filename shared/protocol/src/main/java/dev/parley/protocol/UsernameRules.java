package dev.parley.protocol;

import java.util.Locale;
import java.util.Optional;

/** Usernames: 3–32 characters of {@code [a-z0-9_.-]}, compared case-insensitively. */
public final class UsernameRules {
  /** Shortest allowed username. */
  public static final int MIN = Limits.USERNAME_MIN_CHARS;

  /** Longest allowed username. */
  public static final int MAX = Limits.USERNAME_MAX_CHARS;

  private UsernameRules() {}

  /** The canonical (lower-case) form of what a user typed, without validating it. */
  public static String canonical(String raw) {
    return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
  }

  /** Why {@code raw} is not a valid username, or empty when it is. */
  public static Optional<String> problem(String raw) {
    String name = canonical(raw);
    if (name.length() < MIN) {
      return Optional.of("A username needs at least " + MIN + " characters.");
    }
    if (name.length() > MAX) {
      return Optional.of("A username has at most " + MAX + " characters.");
    }
    if (!allNameChars(name)) {
      return Optional.of("Use only letters a–z, digits, '.', '_' and '-' in a username.");
    }
    return Optional.empty();
  }

  /** True when {@code c} may be in a (canonical) username: {@code a-z 0-9 _ . -}. */
  public static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  }

  // A loop, not a regular expression: every send and ack checks one or more names, and the
  // matcher was a few percent of the relay's time.
  private static boolean allNameChars(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (!isNameChar(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code raw} is a valid username. */
  public static boolean isValid(String raw) {
    return problem(raw).isEmpty();
  }
}
