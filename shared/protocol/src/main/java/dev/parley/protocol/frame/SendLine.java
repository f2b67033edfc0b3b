package dev.parley.protocol.frame;

import static dev.parley.protocol.frame.LineScan.plainTextEnd;
import static dev.parley.protocol.frame.LineScan.startsWith;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ThreadScratch;
import dev.parley.protocol.UsernameRules;
import io.netty.buffer.ByteBuf;

/**
 * Reads a {@code send} straight from its bytes when it is written exactly as Parley's clients write
 * it: {@code {"type":"send","id":…,"to":…,"msgId":…,"envelope":…}} with no space and no escape,
 * every rule of its fields met. That is the relay's most frequent request, and its envelope is most
 * of its bytes: no text of the line, no JSON tree, no string of the base64. Anything else, valid or
 * not, is left to the general reader ({@link FrameCodec#readEnvelope}), which gives the same
 * request for a valid frame and every error in its order for an invalid one.
 */
public final class SendLine {
  private static final byte[] TYPE_ID = LineScan.ascii("{\"type\":\"send\",\"id\":\"");
  private static final byte[] TO = LineScan.ascii("\",\"to\":\"");
  private static final byte[] MSG_ID = LineScan.ascii("\",\"msgId\":\"");
  private static final byte[] ENVELOPE = LineScan.ascii("\",\"envelope\":\"");
  private static final byte[] END = LineScan.ascii("\"}");
  // The longest line this reader takes (a longer one is the general reader's: it is too large).
  private static final int MAX_LINE = Limits.DEFAULT_MAX_FRAME_BYTES;
  private static final ThreadScratch SCRATCH = new ThreadScratch(4096);

  private SendLine() {}

  /** The frame of {@code line} (not consumed) when it is such a send, else null. */
  public static ReceivedFrame read(ByteBuf line) {
    byte[] b = LineScan.copyIfStartsWith(line, TYPE_ID, MAX_LINE, SCRATCH);
    if (b == null) {
      return null;
    }
    int end = line.readableBytes();
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
    if (b64End < b64At || !startsWith(b, b64End, end, END)) {
      return null;
    }
    String id = LineScan.text(b, idAt, idEnd);
    String to = LineScan.text(b, toAt, toEnd);
    String msgId = LineScan.text(b, msgIdAt, msgIdEnd);
    if (!UsernameRules.isValid(to) || !FieldRules.isMsgId(msgId)) {
      return null;
    }
    byte[] envelope = LineScan.base64(b, b64At, b64End, Limits.MAX_ENVELOPE_BYTES);
    if (envelope == null) {
      return null;
    }
    try {
      return new ReceivedFrame(FrameType.SEND, id, null, new SendRequest(id, to, msgId, envelope));
    } catch (InvalidFrameException e) {
      return null; // a rule this reader does not know of: the general reader answers it
    }
  }
}
