package dev.parley.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** Small byte-array helpers used across the package. */
final class Bytes {
  private Bytes() {}

  static byte[] concat(byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    byte[] out = new byte[len];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  /** Constant-time comparison, for anything derived from secrets. */
  static boolean equal(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  static byte[] requireLength(byte[] b, int len, String what) {
    if (b == null || b.length != len) {
      throw new IllegalArgumentException(what + " must be " + len + " bytes");
    }
    return b;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
