package dev.parley.protocol;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * What the protocol takes as base64: standard alphabet, with padding, in its one canonical form
 * (the unused bits before the padding zero), exactly what the JDK's encoder writes. The JDK's
 * decoder checks the alphabet and the padding's place; the length and the unused bits are checked
 * here on the text, without encoding it again to compare.
 */
public final class Base64Rules {
  private Base64Rules() {}

  /** The bytes of canonical base64 {@code s}, or null when it is not that. */
  public static byte[] decode(String s) {
    if (!canonicalEnd(s.length(), i -> s.charAt(i))) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The bytes of the canonical base64 in the ASCII bytes {@code s[from, to)}, or null. */
  public static byte[] decode(byte[] s, int from, int to) {
    if (!canonicalEnd(to - from, i -> (char) (s[from + i] & 0xff))) {
      return null;
    }
    ByteBuffer decoded;
    try {
      decoded = Base64.getDecoder().decode(ByteBuffer.wrap(s, from, to - from));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (decoded.hasArray()
        && decoded.arrayOffset() == 0
        && decoded.position() == 0
        && decoded.remaining() == decoded.array().length) {
      return decoded.array(); // the decoder's own array, exactly the bytes
    }
    byte[] b = new byte[decoded.remaining()];
    decoded.get(b);
    return b;
  }

  /** Characters by index. */
  private interface Chars {
    char at(int i);
  }

  /**
   * True when {@code n} characters are a whole number of quads and the last one before the padding
   * carries no set unused bit (2 of them before one '=', 4 before two).
   */
  private static boolean canonicalEnd(int n, Chars s) {
    if (n % 4 != 0) {
      return false;
    }
    if (n == 0 || s.at(n - 1) != '=') {
      return true;
    }
    int pad = s.at(n - 2) == '=' ? 2 : 1;
    int last = value(s.at(n - pad - 1));
    return last >= 0 && (last & (pad == 2 ? 0x0f : 0x03)) == 0;
  }

  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '+') {
      return 62;
    }
    return c == '/' ? 63 : -1;
  }
}
