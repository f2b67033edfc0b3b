package dev.parley.protocol;

/**
 * What the protocol takes as base64: standard alphabet, with padding, in its one canonical form
 * (the unused bits before the padding zero), exactly what the JDK's encoder writes. Checked on the
 * text itself, without decoding and encoding again.
 */
public final class Base64Rules {
  private Base64Rules() {}

  /** True when {@code s} is canonical base64 (the empty text included). */
  public static boolean canonical(CharSequence s) {
    int n = s.length();
    if (n % 4 != 0) {
      return false;
    }
    int pad = n > 0 && s.charAt(n - 1) == '=' ? (s.charAt(n - 2) == '=' ? 2 : 1) : 0;
    for (int i = 0; i < n - pad; i++) {
      if (value(s.charAt(i)) < 0) {
        return false;
      }
    }
    // The last character before the padding carries 2 (one '=') or 4 (two) unused bits.
    return pad == 0 || (value(s.charAt(n - pad - 1)) & (pad == 2 ? 0x0f : 0x03)) == 0;
  }

  /** As {@link #canonical(CharSequence)}, for the ASCII bytes {@code s[from, to)}. */
  public static boolean canonical(byte[] s, int from, int to) {
    return canonical(new AsciiChars(s, from, to));
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

  /** Bytes read as the characters they encode in ASCII (others as non-base64 characters). */
  private record AsciiChars(byte[] bytes, int from, int to) implements CharSequence {
    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int i) {
      return (char) (bytes[from + i] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new UnsupportedOperationException();
    }
  }
}
