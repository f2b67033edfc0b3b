package dev.parley.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.Base64;

/** Strictly typed reads of frame fields; every mismatch is a {@code bad_request}. */
public final class Fields {
  private Fields() {}

  /** A required string of 1..{@code maxLength} characters. */
  public static String string(JsonObject o, String name, int maxLength) throws ProtocolException {
    String s = optString(o, name, maxLength);
    if (s == null) {
      throw ProtocolException.badRequest("missing field '" + name + "'");
    }
    return s;
  }

  /** An optional string (absent or null gives null); present ones must be 1..max characters. */
  public static String optString(JsonObject o, String name, int maxLength)
      throws ProtocolException {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!(e instanceof JsonPrimitive p) || !p.isString()) {
      throw ProtocolException.badRequest("field '" + name + "' must be a string");
    }
    return FieldRules.length(name, p.getAsString(), maxLength);
  }

  /** An optional string of any length (absent or null gives null; empty stays empty). */
  public static String optText(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!(e instanceof JsonPrimitive p) || !p.isString()) {
      throw ProtocolException.badRequest("field '" + name + "' must be a string");
    }
    return p.getAsString();
  }

  /** A required boolean. */
  public static boolean bool(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      throw ProtocolException.badRequest("missing field '" + name + "'");
    }
    if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) {
      throw ProtocolException.badRequest("field '" + name + "' must be true or false");
    }
    return p.getAsBoolean();
  }

  /** An optional integer in {@code [min, max]}; absent or null gives {@code absent}. */
  public static long optInteger(JsonObject o, String name, long min, long max, long absent)
      throws ProtocolException {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? absent : integer(o, name, min, max);
  }

  /** An optional nested object: absent or null gives null. */
  public static JsonObject optObject(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? null : object(o, name);
  }

  /** A required integer in {@code [min, max]}. */
  public static long integer(JsonObject o, String name, long min, long max)
      throws ProtocolException {
    return integer(o.get(name), name, min, max);
  }

  /** {@code e}, the value of field {@code name} (or one of its elements), as an integer. */
  public static long integer(JsonElement e, String name, long min, long max)
      throws ProtocolException {
    if (e == null || e.isJsonNull()) {
      throw ProtocolException.badRequest("missing field '" + name + "'");
    }
    if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
      throw ProtocolException.badRequest("field '" + name + "' must be a number");
    }
    String literal = p.getAsString();
    if (literal.indexOf('.') >= 0 || literal.indexOf('e') >= 0 || literal.indexOf('E') >= 0) {
      // An integer field takes an integer literal: 1.0 or 1e0 is not "1" written otherwise.
      throw ProtocolException.badRequest(
          "field '" + name + "' must be a whole number, without fraction or exponent");
    }
    BigDecimal d;
    try {
      d = new BigDecimal(literal);
    } catch (NumberFormatException nfe) {
      throw ProtocolException.badRequest("field '" + name + "' must be a number");
    }
    if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
      throw ProtocolException.badRequest("field '" + name + "' must be a whole number");
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw FieldRules.outOfRange(name, min, max);
    }
    return d.longValueExact();
  }

  /** A required nested object. */
  public static JsonObject object(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    if (e == null || !e.isJsonObject()) {
      throw ProtocolException.badRequest("field '" + name + "' must be an object");
    }
    return e.getAsJsonObject();
  }

  /** An optional array (absent gives an empty one) of at most {@code maxSize} elements. */
  public static JsonArray optArray(JsonObject o, String name, int maxSize)
      throws ProtocolException {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return new JsonArray();
    }
    if (!e.isJsonArray()) {
      throw ProtocolException.badRequest("field '" + name + "' must be an array");
    }
    JsonArray a = e.getAsJsonArray();
    FieldRules.maxElements(name, a.size(), maxSize);
    return a;
  }

  /** A required base64 field whose decoded length is exactly {@code length} bytes. */
  public static byte[] bytesExactly(JsonObject o, String name, int length)
      throws ProtocolException {
    byte[] b = decode(name, string(o, name, (length + 2) / 3 * 4 + 4));
    return FieldRules.exactBytes(name, b, length);
  }

  /** A required base64 field of 1..{@code maxBytes} decoded bytes; more is {@code too_large}. */
  public static byte[] bytes(JsonObject o, String name, int maxBytes) throws ProtocolException {
    String s = string(o, name, Integer.MAX_VALUE);
    if (s.length() > (maxBytes + 2) / 3 * 4) {
      // Refused before decoding: a huge field costs no base64 work.
      throw FieldRules.tooManyBytes(name, maxBytes);
    }
    return FieldRules.maxBytes(name, decode(name, s), maxBytes);
  }

  /**
   * Decodes standard base64 with padding (RFC 4648 §4) in its one canonical form: the JDK decoder
   * alone also takes a missing {@code =} and non-zero pad bits, so two spellings would name the
   * same bytes.
   */
  private static byte[] decode(String name, String s) throws ProtocolException {
    byte[] b = Base64Rules.decode(s);
    if (b == null) {
      throw ProtocolException.badRequest(
          "field '" + name + "' must be standard base64 with padding");
    }
    if (b.length == 0) {
      throw ProtocolException.badRequest("field '" + name + "' is empty");
    }
    return b;
  }

  /** Standard base64 of {@code bytes}. */
  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
