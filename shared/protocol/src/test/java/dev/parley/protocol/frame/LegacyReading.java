package dev.parley.protocol.frame;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.parley.protocol.AuthKey;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Fields;
import dev.parley.protocol.PasswordPolicy;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.UsernameRules;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The server's reading of request fields before the typed frames, frozen as it was (its
 * RequestHandler and AccountFields at commit e9848cc, without the session checks): the reference
 * {@link LegacyEquivalenceTest} holds {@link FrameCodec#decodeRequest} to.
 */
final class LegacyReading {
  static final int MAX_PASSWORD_CHARS = 256;
  static final int AUTH_KEY_CHARS = (AuthKey.BYTES + 2) / 3 * 4;
  private static final Pattern MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private LegacyReading() {}

  /** Reads a request's fields of {@code type} as the server did; {@code user} is the session's. */
  static void read(String type, JsonObject f, String user) throws ProtocolException {
    switch (type) {
      case "hello" -> {
        Fields.integer(f, "version", 0, Integer.MAX_VALUE);
        Fields.optString(f, "software", 128);
      }
      case "register" -> register(f);
      case "login" -> login(f);
      case "change_password" -> change(f, user);
      case "publish_keys" -> {
        Fields.bytesExactly(f, "identityDh", 32);
        Fields.bytesExactly(f, "identitySign", 32);
        JsonObject spk = Fields.object(f, "signedPreKey");
        Fields.integer(spk, "id", 0, Integer.MAX_VALUE);
        Fields.bytesExactly(spk, "key", 32);
        Fields.bytesExactly(spk, "signature", 64);
        JsonArray arr = Fields.optArray(f, "oneTimePreKeys", 200);
        for (JsonElement e : arr) {
          if (!e.isJsonObject()) {
            throw ProtocolException.badRequest("oneTimePreKeys holds objects");
          }
          JsonObject k = e.getAsJsonObject();
          Fields.integer(k, "id", 0, Integer.MAX_VALUE);
          Fields.bytesExactly(k, "key", 32);
        }
      }
      case "fetch_bundle", "add_contact", "remove_contact" -> username(f, "user");
      case "send" -> {
        username(f, "to");
        String msgId = Fields.string(f, "msgId", 64);
        if (!MSG_ID.matcher(msgId).matches()) {
          throw ProtocolException.badRequest("msgId is 1 to 64 characters of A-Z a-z 0-9 _ -");
        }
        Fields.bytes(f, "envelope", 47 * 1024);
      }
      case "ack" -> {
        username(f, "from");
        Fields.string(f, "msgId", 64);
      }
      case "ack_receipt" -> Fields.integer(f, "rid", 1, Long.MAX_VALUE);
      case "typing" -> {
        username(f, "to");
        Fields.bytes(f, "envelope", 2 * 1024);
      }
      case "ping", "logout", "list_contacts" -> {}
      default -> throw ProtocolException.badRequest("Unknown frame type '" + type + "'.");
    }
  }

  private static String username(JsonObject f, String field) throws ProtocolException {
    String raw = Fields.string(f, field, 64);
    if (!UsernameRules.isValid(raw)) {
      throw new ProtocolException(ErrorCode.UNKNOWN_USER, "There is no user called " + raw + ".");
    }
    return UsernameRules.canonical(raw);
  }

  /** The fields of a {@code register}. */
  static void register(JsonObject f) throws ProtocolException {
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
  }

  /** The fields of a {@code login}. */
  static void login(JsonObject f) throws ProtocolException {
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
  }

  /** The fields of a {@code change_password} by {@code username} (the session's user). */
  static void change(JsonObject f, String username) throws ProtocolException {
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
      return;
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
  }

  static String required(JsonObject f, String name) throws ProtocolException {
    String s = text(f, name);
    if (s == null) {
      throw ProtocolException.badRequest("missing field '" + name + "'");
    }
    return s;
  }

  /** A string field (absent or null gives null) of any length, which must be valid UTF-16. */
  static String text(JsonObject f, String name) throws ProtocolException {
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
  static void checkAuthKey(String name, String key) throws ProtocolException {
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

  static void checkSize(String name, String password) throws ProtocolException {
    if (password != null && password.length() > MAX_PASSWORD_CHARS) {
      throw new ProtocolException(
          ErrorCode.TOO_LARGE,
          "field '" + name + "' is limited to " + MAX_PASSWORD_CHARS + " characters");
    }
  }

  /** The canonical name, or {@code invalid_username} (whose message never repeats the input). */
  static String username(String raw) throws ProtocolException {
    var problem = UsernameRules.problem(raw);
    if (problem.isPresent()) {
      throw new ProtocolException(ErrorCode.INVALID_USERNAME, problem.get());
    }
    return UsernameRules.canonical(raw);
  }

  /** bcrypt reads only 72 bytes: a longer secret would match its own first 72 bytes. */
  static void checkBcryptLimit(String password, String message) throws ProtocolException {
    if (password != null
        && password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
      throw new ProtocolException(
          ErrorCode.WEAK_PASSWORD, message, List.of(PasswordPolicy.Rule.TOO_LONG.code()), 0);
    }
  }
}
