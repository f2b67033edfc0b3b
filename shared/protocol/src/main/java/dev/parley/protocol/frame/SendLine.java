package dev.parley.protocol.frame;

import dev.parley.protocol.Base64Rules;
import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.UsernameRules;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

  private SendLine() {}

  /** The frame of {@code line} (not consumed) when it is such a send, else null. */
  public static ReceivedFrame read(ByteBuf line) {
    int at = line.readerIndex();
    int end = at + line.readableBytes();
    if (!startsWith(line, at, end, TYPE_ID)) {
      return null;
    }
    at += TYPE_ID.length;
    int idEnd = plainTextEnd(line, at, end, Limits.MAX_ID_CHARS);
    if (idEnd < 0 || !startsWith(line, idEnd, end, TO)) {
      return null;
    }
    int toAt = idEnd + TO.length;
    int toEnd = plainTextEnd(line, toAt, end, Limits.MAX_USER_FIELD_CHARS);
    if (toEnd < 0 || !startsWith(line, toEnd, end, MSG_ID)) {
      return null;
    }
    int msgIdAt = toEnd + MSG_ID.length;
    int msgIdEnd = plainTextEnd(line, msgIdAt, end, Limits.MAX_MSG_ID_CHARS);
    if (msgIdEnd < 0 || !startsWith(line, msgIdEnd, end, ENVELOPE)) {
      return null;
    }
    int b64At = msgIdEnd + ENVELOPE.length;
    int b64End = b64At;
    while (b64End < end && line.getByte(b64End) != '"') {
      b64End++;
    }
    if (b64End - b64At > MAX_BASE64 || b64End + END.length != end) {
      return null;
    }
    if (!startsWith(line, b64End, end, END)) {
      return null;
    }
    String id = text(line, at, idEnd);
    String to = text(line, toAt, toEnd);
    String msgId = text(line, msgIdAt, msgIdEnd);
    if (!UsernameRules.isValid(to) || !validMsgId(msgId)) {
      return null;
    }
    byte[] envelope = envelope(line, b64At, b64End);
    if (envelope == null) {
      return null;
    }
    try {
      return new ReceivedFrame(FrameType.SEND, id, null, new SendRequest(id, to, msgId, envelope));
    } catch (InvalidFrameException e) {
      return null; // a rule this reader does not know of: the general reader answers it
    }
  }

  private static boolean startsWith(ByteBuf line, int at, int end, byte[] prefix) {
    if (end - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line.getByte(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where a string of 1 to {@code max} printable ASCII characters without a quote or backslash that
   * starts at {@code at} ends (its closing quote), or -1.
   */
  private static int plainTextEnd(ByteBuf line, int at, int end, int max) {
    int i = at;
    while (i < end) {
      byte b = line.getByte(i);
      if (b == '"') {
        int n = i - at;
        return n >= 1 && n <= max ? i : -1;
      }
      if (b < 0x20 || b > 0x7e || b == '\\') {
        return -1;
      }
      i++;
    }
    return -1;
  }

  private static String text(ByteBuf line, int from, int to) {
    return line.toString(from, to - from, StandardCharsets.US_ASCII);
  }

  private static boolean validMsgId(String msgId) {
    try {
      FieldRules.msgId("msgId", msgId);
      return true;
    } catch (ProtocolException e) {
      return false;
    }
  }

  /** The envelope's bytes when its base64 is canonical and its size allowed, else null. */
  private static byte[] envelope(ByteBuf line, int from, int to) {
    byte[] b64 = new byte[to - from];
    line.getBytes(from, b64);
    if (!Base64Rules.canonical(b64)) {
      return null;
    }
    byte[] envelope;
    try {
      envelope = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return envelope.length >= 1 && envelope.length <= Limits.MAX_ENVELOPE_BYTES ? envelope : null;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
