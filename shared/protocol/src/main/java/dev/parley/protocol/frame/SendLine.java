package dev.parley.protocol.frame;

import dev.parley.protocol.Base64Rules;
import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ThreadScratch;
import dev.parley.protocol.UsernameRules;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code send} straight from its bytes when it is written exactly as Parley's clients write
 * it: {@code {"type":"send","id":…,"to":…,"msgId":…,"envelope":…}} with no space and no escape,
 * every rule of its fields met. That is the relay's most frequent request, and its envelope is most
 * of its bytes: no text of the line, no JSON tree, no string of the base64. Anything else, valid or
 * not, is left to the general reader ({@link FrameCodec#readEnvelope}), which gives the same
 * request for a valid frame and every error in its order for an invalid one.
 */
public final class SendLine {
  private static final byte[] TYPE_ID = ascii("{\"type\":\"send\",\"id\":\"");
  private static final byte[] TO = ascii("\",\"to\":\"");
  private static final byte[] MSG_ID = ascii("\",\"msgId\":\"");
  private static final byte[] ENVELOPE = ascii("\",\"envelope\":\"");
  private static final byte[] END = ascii("\"}");
  private static final int MAX_BASE64 = (Limits.MAX_ENVELOPE_BYTES + 2) / 3 * 4;
  // The longest line this reader takes (a longer one is the general reader's: it is too large).
  private static final int MAX_LINE = Limits.DEFAULT_MAX_FRAME_BYTES;
  private static final ThreadScratch SCRATCH = new ThreadScratch(4096);

  private SendLine() {}

  /** The frame of {@code line} (not consumed) when it is such a send, else null. */
  public static ReceivedFrame read(ByteBuf line) {
    int end = line.readableBytes();
    if (end < TYPE_ID.length
        || end > MAX_LINE
        || !ByteBufUtil.equals(
            line, line.readerIndex(), Unpooled.wrappedBuffer(TYPE_ID), 0, TYPE_ID.length)) {
      return null; // not a send: the general reader copies it, not this one too
    }
    // One copy, then plain array reads: a Netty buffer checks bounds and liveness on every byte.
    byte[] b = SCRATCH.get(end);
    line.getBytes(line.readerIndex(), b, 0, end);
    int idAt = TYPE_ID.length;
    int idEnd = plainTextEnd(b, idAt, end, Limits.MAX_ID_CHARS);
    if (idEnd < 0 || !startsWith(b, idEnd, end, TO)) {
      return null;
    }
    int toAt = idEnd + TO.length;
    int toEnd = plainTextEnd(b, toAt, end, Limits.MAX_USER_FIELD_CHARS);
    if (toEnd < 0 || !startsWith(b, toEnd, end, MSG_ID)) {
      return null;
    }
    int msgIdAt = toEnd + MSG_ID.length;
    int msgIdEnd = plainTextEnd(b, msgIdAt, end, Limits.MAX_MSG_ID_CHARS);
    if (msgIdEnd < 0 || !startsWith(b, msgIdEnd, end, ENVELOPE)) {
      return null;
    }
    int b64At = msgIdEnd + ENVELOPE.length;
    int b64End = end - END.length;
    if (b64End < b64At || b64End - b64At > MAX_BASE64 || !startsWith(b, b64End, end, END)) {
      return null;
    }
    String id = new String(b, idAt, idEnd - idAt, StandardCharsets.US_ASCII);
    String to = new String(b, toAt, toEnd - toAt, StandardCharsets.US_ASCII);
    String msgId = new String(b, msgIdAt, msgIdEnd - msgIdAt, StandardCharsets.US_ASCII);
    if (!UsernameRules.isValid(to) || !FieldRules.isMsgId(msgId)) {
      return null;
    }
    byte[] envelope = envelope(b, b64At, b64End);
    if (envelope == null) {
      return null;
    }
    try {
      return new ReceivedFrame(FrameType.SEND, id, null, new SendRequest(id, to, msgId, envelope));
    } catch (InvalidFrameException e) {
      return null; // a rule this reader does not know of: the general reader answers it
    }
  }

  private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
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
  private static int plainTextEnd(byte[] b, int at, int end, int max) {
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

  /** The envelope's bytes when its base64 is canonical and its size allowed, else null. */
  private static byte[] envelope(byte[] b, int from, int to) {
    byte[] envelope = Base64Rules.decode(b, from, to);
    return envelope != null && envelope.length >= 1 && envelope.length <= Limits.MAX_ENVELOPE_BYTES
        ? envelope
        : null;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
