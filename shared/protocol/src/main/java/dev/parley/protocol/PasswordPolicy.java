package dev.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The password rules, enforced by the server and shown live by the app: at least 8 characters, a
 * capital letter, a digit, at most 72 UTF-8 bytes (bcrypt's limit, never truncated silently) and
 * not the username.
 */
public final class PasswordPolicy {
  /** Fewest characters. */
  public static final int MIN_CHARS = Limits.PASSWORD_MIN_CHARS;

  /** Most UTF-8 bytes: bcrypt ignores everything after the 72nd byte. */
  public static final int MAX_BYTES = Limits.PASSWORD_MAX_BYTES;

  private PasswordPolicy() {}

  /** One rule, with its stable wire code and the sentence the UI shows. */
  public enum Rule {
    TOO_SHORT("too_short", "At least 8 characters"),
    NO_UPPERCASE("no_uppercase", "A capital letter"),
    NO_DIGIT("no_digit", "A digit"),
    TOO_LONG("too_long", "At most 72 bytes"),
    EQUALS_USERNAME("equals_username", "Not your username");

    private final String code;
    private final String description;

    Rule(String code, String description) {
      this.code = code;
      this.description = description;
    }

    /** The code used in {@code weak_password} errors. */
    public String code() {
      return code;
    }

    /** A short sentence for a checklist. */
    public String description() {
      return description;
    }
  }

  /** The rules {@code password} breaks for {@code username}, in checklist order. */
  public static List<Rule> violations(String username, String password) {
    String pw = password == null ? "" : password;
    List<Rule> broken = new ArrayList<>();
    if (pw.codePointCount(0, pw.length()) < MIN_CHARS) {
      broken.add(Rule.TOO_SHORT);
    }
    if (pw.codePoints().noneMatch(Character::isUpperCase)) {
      broken.add(Rule.NO_UPPERCASE);
    }
    if (pw.codePoints().noneMatch(Character::isDigit)) {
      broken.add(Rule.NO_DIGIT);
    }
    if (pw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      broken.add(Rule.TOO_LONG);
    }
    if (!pw.isEmpty() && pw.equalsIgnoreCase(UsernameRules.canonical(username))) {
      broken.add(Rule.EQUALS_USERNAME);
    }
    return List.copyOf(broken);
  }

  /** The wire codes of {@link #violations}. */
  public static List<String> violationCodes(String username, String password) {
    return violations(username, password).stream().map(Rule::code).toList();
  }
}
