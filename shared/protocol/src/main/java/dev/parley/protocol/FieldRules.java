package dev.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The rules of frame field values, once each: {@link Fields} applies them while it reads JSON, and
 * the typed frames of {@code dev.parley.protocol.frame} apply them in their constructors. Every
 * broken rule is a {@link ProtocolException} with the code and message the server answers.
 */
public final class FieldRules {
  private FieldRules() {}

  /** {@code value} itself, or {@code bad_request} "missing field" when it is null. */
  public static <T> T required(String name, T value) throws ProtocolException {
    if (value == null) {
      throw ProtocolException.badRequest("missing field '" + name + "'");
    }
    return value;
  }

  /** A string of 1..{@code maxLength} UTF-16 code units (null passes: see {@link #required}). */
  public static String length(String name, String s, int maxLength) throws ProtocolException {
    if (s != null && (s.isEmpty() || s.length() > maxLength)) {
      throw ProtocolException.badRequest(
          "field '" + name + "' must have 1 to " + maxLength + " characters");
    }
    return s;
  }

  /** A required string of 1..{@code maxLength} characters. */
  public static String text(String name, String s, int maxLength) throws ProtocolException {
    return length(name, required(name, s), maxLength);
  }

  /** An integer in {@code [min, max]}. */
  public static long range(String name, long value, long min, long max) throws ProtocolException {
    if (value < min || value > max) {
      throw outOfRange(name, min, max);
    }
    return value;
  }

  /** The {@code bad_request} of an integer outside {@code [min, max]}. */
  static ProtocolException outOfRange(String name, long min, long max) {
    return ProtocolException.badRequest(
        "field '" + name + "' must be between " + min + " and " + max);
  }

  /** An array of at most {@code maxSize} elements. */
  public static void maxElements(String name, int size, int maxSize) throws ProtocolException {
    if (size > maxSize) {
      throw ProtocolException.badRequest(
          "field '" + name + "' has more than " + maxSize + " elements");
    }
  }

  /** A non-empty array of at most {@code maxSize} elements. */
  public static void elements(String name, int size, int maxSize) throws ProtocolException {
    if (size == 0) {
      throw ProtocolException.badRequest("field '" + name + "' must not be empty");
    }
    maxElements(name, size, maxSize);
  }

  /** Required non-empty bytes of exactly {@code length}. */
  public static byte[] exactBytes(String name, byte[] b, int length) throws ProtocolException {
    nonEmpty(name, required(name, b));
    if (b.length != length) {
      throw ProtocolException.badRequest(
          "field '" + name + "' must decode to " + length + " bytes");
    }
    return b;
  }

  /** Required bytes, 1..{@code maxBytes} of them; more is {@code too_large}. */
  public static byte[] maxBytes(String name, byte[] b, int maxBytes) throws ProtocolException {
    nonEmpty(name, required(name, b));
    if (b.length > maxBytes) {
      throw tooManyBytes(name, maxBytes);
    }
    return b;
  }

  /** The {@code too_large} of a byte field over its limit. */
  static ProtocolException tooManyBytes(String name, int maxBytes) {
    return new ProtocolException(
        ErrorCode.TOO_LARGE, "field '" + name + "' is limited to " + maxBytes + " bytes");
  }

  private static void nonEmpty(String name, byte[] b) throws ProtocolException {
    if (b.length == 0) {
      throw ProtocolException.badRequest("field '" + name + "' is empty");
    }
  }

  /**
   * A user named by a request: 1..{@value Limits#MAX_USER_FIELD_CHARS} characters (else {@code
   * bad_request}), a valid username once canonical (else {@code unknown_user}, naming it as sent:
   * such a user cannot exist). Returns the canonical name.
   */
  public static String requestedUser(String name, String raw) throws ProtocolException {
    text(name, raw, Limits.MAX_USER_FIELD_CHARS);
    if (!UsernameRules.isValid(raw)) {
      throw new ProtocolException(ErrorCode.UNKNOWN_USER, "There is no user called " + raw + ".");
    }
    return UsernameRules.canonical(raw);
  }

  /**
   * A user named by the server: a valid username already in canonical form (a server is not trusted
   * to send anything else).
   */
  public static String serverUser(String name, String raw) throws ProtocolException {
    text(name, raw, UsernameRules.MAX);
    if (!UsernameRules.isValid(raw) || !raw.equals(UsernameRules.canonical(raw))) {
      throw ProtocolException.badRequest("invalid user name in an event");
    }
    return raw;
  }

  /** A {@code send}'s {@code msgId}: 1–64 characters of {@code A-Z a-z 0-9 _ -}. */
  public static String msgId(String name, String s) throws ProtocolException {
    text(name, s, Limits.MAX_MSG_ID_CHARS);
    if (!isMsgId(s)) {
      throw ProtocolException.badRequest(
          "msgId is 1 to " + Limits.MAX_MSG_ID_CHARS + " characters of A-Z a-z 0-9 _ -");
    }
    return s;
  }

  /** True when {@code c} may be in a {@code msgId}: {@code A-Z a-z 0-9 _ -}. */
  public static boolean isMsgIdChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  /**
   * True when {@code s} is a valid {@code msgId} once its length is known to be 1–64: all of its
   * characters are. A loop, not a regular expression: checked for every send (and its answer).
   */
  public static boolean isMsgId(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isMsgIdChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code s} (or null) if every surrogate in it is part of a pair. */
  public static String wellFormed(String name, String s) throws ProtocolException {
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        // It would turn into '?' in UTF-8, and two different passwords into one.
        throw ProtocolException.badRequest("field '" + name + "' holds an unpaired surrogate");
      }
    }
    return s;
  }

  /** An auth key (or null): the canonical standard base64, with padding, of exactly 32 bytes. */
  public static String authKey(String name, String key) throws ProtocolException {
    if (key == null) {
      return null;
    }
    boolean ok = key.length() == Limits.AUTH_KEY_CHARS;
    if (ok) {
      try {
        byte[] raw = Base64.getDecoder().decode(key);
        // Only one text per key: bcrypt hashes the text, so a variant would not match.
        ok =
            raw.length == Limits.AUTH_KEY_BYTES
                && Base64.getEncoder().encodeToString(raw).equals(key);
      } catch (IllegalArgumentException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw ProtocolException.badRequest(
          "field '"
              + name
              + "' must be the standard base64 of "
              + Limits.AUTH_KEY_BYTES
              + " bytes");
    }
    return key;
  }

  /** A password field (or null) of at most {@value Limits#MAX_PASSWORD_CHARS} characters. */
  public static String passwordSize(String name, String password) throws ProtocolException {
    if (password != null && password.length() > Limits.MAX_PASSWORD_CHARS) {
      throw new ProtocolException(
          ErrorCode.TOO_LARGE,
          "field '" + name + "' is limited to " + Limits.MAX_PASSWORD_CHARS + " characters");
    }
    return password;
  }

  /** The canonical name, or {@code invalid_username} (whose message never repeats the input). */
  public static String accountName(String raw) throws ProtocolException {
    var problem = UsernameRules.problem(raw);
    if (problem.isPresent()) {
      throw new ProtocolException(ErrorCode.INVALID_USERNAME, problem.get());
    }
    return UsernameRules.canonical(raw);
  }

  /**
   * A password (or null) that some account could have: bcrypt reads only 72 bytes, so a longer
   * secret would match its own first 72 bytes; else {@code weak_password} ({@code too_long}).
   */
  public static String bcryptLimit(String password, String message) throws ProtocolException {
    if (password != null
        && password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
      throw new ProtocolException(
          ErrorCode.WEAK_PASSWORD, message, List.of(PasswordPolicy.Rule.TOO_LONG.code()), 0);
    }
    return password;
  }

  /** A new password (or null) that meets the policy for {@code username}; else weak_password. */
  public static String policy(String username, String password, String message)
      throws ProtocolException {
    if (password == null) {
      return null;
    }
    List<String> broken = PasswordPolicy.violationCodes(username, password);
    if (!broken.isEmpty()) {
      throw new ProtocolException(ErrorCode.WEAK_PASSWORD, message, broken, 0);
    }
    return password;
  }
}
