package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a frame's bytes as well-formed UTF-8 only (RFC 3629: no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF), refusing rather than replacing what is malformed. The bytes
 * are copied once into a buffer kept per thread and checked there in one tight pass; checking them
 * in the Netty buffer cost a bounds and reference-count check per byte, a tenth of the relay's
 * time.
 */
final class StrictUtf8 {
  private static final ThreadScratch SCRATCH = new ThreadScratch(4096);

  private StrictUtf8() {}

  /** The text of {@code bytes}' readable bytes (not consumed), or null when not well-formed. */
  static String decode(ByteBuf bytes) {
    int len = bytes.readableBytes();
    byte[] b = SCRATCH.get(len);
    bytes.getBytes(bytes.readerIndex(), b, 0, len);
    return wellFormed(b, len) ? new String(b, 0, len, StandardCharsets.UTF_8) : null;
  }

  /** True when the first {@code len} bytes of {@code b} are well-formed UTF-8. */
  static boolean wellFormed(byte[] b, int len) {
    int i = 0;
    while (i < len) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      if (c < 0xC2) {
        return false; // a continuation byte first, or an overlong two-byte form
      }
      if (c < 0xE0) {
        if (i + 1 >= len || !continuation(b[i + 1])) {
          return false;
        }
        i += 2;
      } else if (c < 0xF0) {
        if (i + 2 >= len || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
          return false;
        }
        int c1 = b[i + 1] & 0xFF;
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) {
          return false; // overlong, or a surrogate
        }
        i += 3;
      } else if (c < 0xF5) {
        if (i + 3 >= len
            || !continuation(b[i + 1])
            || !continuation(b[i + 2])
            || !continuation(b[i + 3])) {
          return false;
        }
        int c1 = b[i + 1] & 0xFF;
        if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) {
          return false; // overlong, or above U+10FFFF
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
