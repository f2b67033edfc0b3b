package dev.parley.protocol.frame;

import static dev.parley.protocol.frame.LineScan.plainTextEnd;
import static dev.parley.protocol.frame.LineScan.startsWith;

import dev.parley.protocol.Limits;
import dev.parley.protocol.ThreadScratch;
import dev.parley.protocol.UsernameRules;
import io.netty.buffer.ByteBuf;

/**
 * Reads a {@code message} event straight from its bytes when it is written exactly as Parley's
 * server writes it ({@link DirectLine}): {@code
 * {"type":"message","from":…,"msgId":…,"envelope":…,"sentAt":…}} with no space and no escape, every
 * rule of its fields met. It is what a client reads most, and its envelope is most of its bytes: no
 * text of the line, no JSON tree, no string of the base64. Anything else, valid or not, is left to
 * the general reader ({@link FrameCodec#decodeEvent}), which gives the same event for a valid frame
 * and its error for an invalid one.
 */
public final class MessageLine {
  private static final byte[] TYPE_FROM = LineScan.ascii("{\"type\":\"message\",\"from\":\"");
  private static final byte[] MSG_ID = LineScan.ascii("\",\"msgId\":\"");
  private static final byte[] ENVELOPE = LineScan.ascii("\",\"envelope\":\"");
  private static final byte[] SENT_AT = LineScan.ascii("\",\"sentAt\":");
  private static final ThreadScratch SCRATCH = new ThreadScratch(4096);

  private MessageLine() {}

  /** The event of {@code line} (not consumed) when it is such a message, else null. */
  public static MessageEvent read(ByteBuf line) {
    // Any line the client's decoder passes (it bounds them) may be a message.
    byte[] b = LineScan.copyIfStartsWith(line, TYPE_FROM, Integer.MAX_VALUE, SCRATCH);
    if (b == null) {
      return null;
    }
    int end = line.readableBytes();
    int fromAt = TYPE_FROM.length;
    int fromEnd = plainTextEnd(b, fromAt, end, UsernameRules.MAX);
    if (fromEnd < 0 || !startsWith(b, fromEnd, end, MSG_ID)) {
      return null;
    }
    int msgIdAt = fromEnd + MSG_ID.length;
    int msgIdEnd = plainTextEnd(b, msgIdAt, end, Limits.MAX_MSG_ID_CHARS);
    if (msgIdEnd < 0 || !startsWith(b, msgIdEnd, end, ENVELOPE)) {
      return null;
    }
    int b64At = msgIdEnd + ENVELOPE.length;
    int b64End = b64At;
    while (b64End < end && b[b64End] != '"') {
      b64End++;
    }
    if (!startsWith(b, b64End, end, SENT_AT) || b[end - 1] != '}') {
      return null;
    }
    long sentAt = LineScan.plainNumber(b, b64End + SENT_AT.length, end - 1);
    if (sentAt < 0) {
      return null;
    }
    byte[] envelope = LineScan.base64(b, b64At, b64End, Limits.CLIENT_MAX_MESSAGE_ENVELOPE_BYTES);
    if (envelope == null) {
      return null;
    }
    try {
      return new MessageEvent(
          LineScan.text(b, fromAt, fromEnd), LineScan.text(b, msgIdAt, msgIdEnd), envelope, sentAt);
    } catch (InvalidFrameException e) {
      return null; // a rule this reader does not know of: the general reader answers it
    }
  }
}
