package dev.parley.server.accounts;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.parley.protocol.AuthKey;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.PasswordPolicy;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.UsernameRules;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Reads the fields of {@code register}, {@code login} and {@code change_password}. Checks run in
 * the order docs/PROTOCOL.md §5 gives, so the first that fails is the answer: {@code bad_request}
 * (a field of the wrong type, missing, in a forbidden combination, or a malformed auth key), then
 * {@code too_large} (a password over {@link #MAX_PASSWORD_CHARS}), then {@code invalid_username},
 * then {@code weak_password}. Nothing here is logged: a rejected value never reaches the log.
 */
public final class AccountFields {
  /** Longest password field, in UTF-16 characters; longer is {@code too_large}. */
  public static final int MAX_PASSWORD_CHARS = 256;

  /** Length of an auth key's standard base64 text. */
  public static final int AUTH_KEY_CHARS = (AuthKey.BYTES + 2) / 3 * 4;

  private AccountFields() {}

  /**
   * A {@code register}: a valid canonical username and exactly one secret.
   *
   * @param username canonical
   * @param password the legacy credential (policy checked), or null
   * @param authKey the auth key's base64 text, or null
   */
  public record Register(String username, String password, String authKey) {}

  /**
   * A {@code login}: a valid canonical username and one or both secrets (both: the upgrade).
   *
   * @param username canonical
   * @param password at most 72 UTF-8 bytes, or null
   * @param authKey the auth key's base64 text, or null
   */
  public record Login(String username, String password, String authKey) {}

  /**
   * A {@code change_password}: both old and new secrets of one kind.
   *
   * @param oldSecret the current password or auth key
   * @param newSecret the new one (a new password meets the policy)
   * @param authKeys true for auth keys, false for passwords
   */
  public record Change(String oldSecret, String newSecret, boolean authKeys) {}

  /** The fields of a {@code register}. */
  public static Register register(JsonObject f) throws ProtocolException {
    String raw = required(f, "username");
    String password = text(f, "password");
    String authKey = text(f, "authKey");
    if ((password == null) == (authKey == null)) {
      throw ProtocolException.badRequest("register takes exactly one of 'password' and 'authKey'.");
    }
    checkAuthKey("authKey", authKey);
    checkSize("password", password);
    String name = username(raw);
    if (password != null) {
      List<String> broken = PasswordPolicy.violationCodes(name, password);
      if (!broken.isEmpty()) {
        throw new ProtocolException(
            ErrorCode.WEAK_PASSWORD, "The password does not meet the policy.", broken, 0);
      }
    }
    return new Register(name, password, authKey);
  }

  /** The fields of a {@code login}. */
  public static Login login(JsonObject f) throws ProtocolException {
    String raw = required(f, "username");
    String password = text(f, "password");
    String authKey = text(f, "authKey");
    if (password == null && authKey == null) {
      throw ProtocolException.badRequest("login needs 'authKey' (or 'password').");
    }
    checkAuthKey("authKey", authKey);
    checkSize("password", password);
    String name = username(raw);
    checkBcryptLimit(password, "The password is longer than 72 bytes; no account has it.");
    return new Login(name, password, authKey);
  }

  /** The fields of a {@code change_password} by {@code username} (the session's user). */
  public static Change change(JsonObject f, String username) throws ProtocolException {
    String oldPassword = text(f, "oldPassword");
    String newPassword = text(f, "newPassword");
    String oldKey = text(f, "oldAuthKey");
    String newKey = text(f, "newAuthKey");
    boolean passwords = oldPassword != null && newPassword != null && oldKey == null;
    boolean keys = oldKey != null && newKey != null && oldPassword == null;
    if ((!passwords && !keys) || (passwords && newKey != null) || (keys && newPassword != null)) {
      throw ProtocolException.badRequest(
          "change_password takes 'oldAuthKey' and 'newAuthKey', or 'oldPassword' and"
              + " 'newPassword'.");
    }
    if (keys) {
      checkAuthKey("oldAuthKey", oldKey);
      checkAuthKey("newAuthKey", newKey);
      return new Change(oldKey, newKey, true);
    }
    checkSize("oldPassword", oldPassword);
    checkSize("newPassword", newPassword);
    checkBcryptLimit(
        oldPassword, "The current password is longer than 72 bytes; no account has it.");
    List<String> broken = PasswordPolicy.violationCodes(username, newPassword);
    if (!broken.isEmpty()) {
      throw new ProtocolException(
          ErrorCode.WEAK_PASSWORD, "The new password does not meet the policy.", broken, 0);
    }
    return new Change(oldPassword, newPassword, false);
  }

  private static String required(JsonObject f, String name) throws ProtocolException {
    String s = text(f, name);
    if (s == null) {
      throw ProtocolException.badRequest("missing field '" + name + "'");
    }
    return s;
  }

  /** A string field (absent or null gives null) of any length, which must be valid UTF-16. */
  private static String text(JsonObject f, String name) throws ProtocolException {
    JsonElement e = f.get(name);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!(e instanceof JsonPrimitive p) || !p.isString()) {
      throw ProtocolException.badRequest("field '" + name + "' must be a string");
    }
    String s = p.getAsString();
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

  /** An auth key is the canonical standard base64 (with padding) of exactly 32 bytes. */
  private static void checkAuthKey(String name, String key) throws ProtocolException {
    if (key == null) {
      return;
    }
    boolean ok = key.length() == AUTH_KEY_CHARS;
    if (ok) {
      try {
        byte[] raw = Base64.getDecoder().decode(key);
        // Only one text per key: bcrypt hashes the text, so a variant would not match.
        ok = raw.length == AuthKey.BYTES && Base64.getEncoder().encodeToString(raw).equals(key);
      } catch (IllegalArgumentException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw ProtocolException.badRequest(
          "field '" + name + "' must be the standard base64 of " + AuthKey.BYTES + " bytes");
    }
  }

  private static void checkSize(String name, String password) throws ProtocolException {
    if (password != null && password.length() > MAX_PASSWORD_CHARS) {
      throw new ProtocolException(
          ErrorCode.TOO_LARGE,
          "field '" + name + "' is limited to " + MAX_PASSWORD_CHARS + " characters");
    }
  }

  /** The canonical name, or {@code invalid_username} (whose message never repeats the input). */
  private static String username(String raw) throws ProtocolException {
    var problem = UsernameRules.problem(raw);
    if (problem.isPresent()) {
      throw new ProtocolException(ErrorCode.INVALID_USERNAME, problem.get());
    }
    return UsernameRules.canonical(raw);
  }

  /** bcrypt reads only 72 bytes: a longer secret would match its own first 72 bytes. */
  private static void checkBcryptLimit(String password, String message) throws ProtocolException {
    if (password != null
        && password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
      throw new ProtocolException(
          ErrorCode.WEAK_PASSWORD, message, List.of(PasswordPolicy.Rule.TOO_LONG.code()), 0);
    }
  }
}
