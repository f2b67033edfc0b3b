package dev.parley.protocol.frame;

import dev.parley.protocol.Base64Rules;
import dev.parley.protocol.ThreadScratch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The byte scans the direct readers ({@link SendLine}, {@link ConfirmationLine}, {@link
 * MessageLine}) share over a line copied into an array: fixed parts, plain strings, canonical
 * base64, plain numbers.
 */
final class LineScan {
  private LineScan() {}

  /**
   * {@code line}'s bytes (not consumed) copied into this thread's {@code scratch} when it starts
   * with {@code prefix} and has at most {@code maxLength} bytes, else null (a line another reader
   * takes is not copied here too). One copy, then plain array reads: a Netty buffer checks bounds
   * and liveness on every byte.
   */
  static byte[] copyIfStartsWith(
      ByteBuf line, byte[] prefix, int maxLength, ThreadScratch scratch) {
    int end = line.readableBytes();
    if (end < prefix.length
        || end > maxLength
        || !ByteBufUtil.equals(
            line, line.readerIndex(), Unpooled.wrappedBuffer(prefix), 0, prefix.length)) {
      return null;
    }
    byte[] b = scratch.get(end);
    line.getBytes(line.readerIndex(), b, 0, end);
    return b;
  }

  /** True when {@code prefix} is at {@code at} (before {@code end}). */
  static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
    if (end - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where a string of 1 to {@code max} printable ASCII characters without a quote or backslash that
   * starts at {@code at} ends (its closing quote), or -1.
   */
  static int plainTextEnd(byte[] b, int at, int end, int max) {
    for (int i = at; i < end; i++) {
      byte c = b[i];
      if (c == '"') {
        int n = i - at;
        return n >= 1 && n <= max ? i : -1;
      }
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return -1;
      }
    }
    return -1;
  }

  /** The ASCII text from {@code from} to {@code to}. */
  static String text(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.US_ASCII);
  }

  /** The bytes of canonical base64 of 1 to {@code maxBytes} decoded bytes, else null. */
  static byte[] base64(byte[] b, int from, int to, int maxBytes) {
    if (to - from > (maxBytes + 2) / 3 * 4) {
      return null;
    }
    byte[] decoded = Base64Rules.decode(b, from, to);
    return decoded != null && decoded.length >= 1 && decoded.length <= maxBytes ? decoded : null;
  }

  /**
   * The value of 1 to 18 decimal digits without a leading zero (or the single digit 0) from {@code
   * from} to {@code to}, else -1: JSON's plain form of a number that fits in a long.
   */
  static long plainNumber(byte[] b, int from, int to) {
    int n = to - from;
    if (n < 1 || n > 18 || (n > 1 && b[from] == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** {@code s}'s ASCII bytes. */
  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
