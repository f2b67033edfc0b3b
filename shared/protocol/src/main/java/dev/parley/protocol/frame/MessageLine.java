package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.UsernameRules;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The line of a {@code message} event written straight into its buffer: the same bytes as {@link
 * FrameCodec#encode} and a newline, without a JSON tree, a string of the envelope's base64 or a
 * UTF-8 pass. It is the frame the relay writes most, and its envelope is most of its bytes. Only
 * for names and ids JSON writes as they are (the server's: canonical usernames of {@code a-z 0-9 _
 * . -}, {@code msgId}s of {@code A-Z a-z 0-9 _ -}); anything else takes the general path.
 */
final class MessageLine {
  private static final byte[] FROM = bytes("{\"type\":\"message\",\"from\":\"");
  private static final byte[] MSG_ID = bytes("\",\"msgId\":\"");
  private static final byte[] ENVELOPE = bytes("\",\"envelope\":\"");
  private static final byte[] SENT_AT = bytes("\",\"sentAt\":");
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[512]);

  private MessageLine() {}

  /** True when {@code m}'s text fields are written by JSON exactly as they are. */
  static boolean fits(MessageEvent m) {
    return plain(m.from()) && plain(m.msgId());
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!FieldRules.isMsgIdChar(c) && !UsernameRules.isNameChar(c)) {
        return false;
      }
    }
    return true;
  }

  /** The line of {@code m}, which {@link #fits}, in a buffer of exactly its size. */
  static ByteBuf write(ByteBufAllocator alloc, MessageEvent m) {
    int b64 = 4 * ((m.envelope().length + 2) / 3);
    String sentAt = Long.toString(m.sentAt());
    int size =
        FROM.length
            + m.from().length()
            + MSG_ID.length
            + m.msgId().length()
            + ENVELOPE.length
            + b64
            + SENT_AT.length
            + sentAt.length()
            + 2; // "}\n"
    ByteBuf line = alloc.buffer(size);
    line.writeBytes(FROM);
    line.writeCharSequence(m.from(), StandardCharsets.US_ASCII);
    line.writeBytes(MSG_ID);
    line.writeCharSequence(m.msgId(), StandardCharsets.US_ASCII);
    line.writeBytes(ENVELOPE);
    byte[] scratch = SCRATCH.get();
    if (scratch.length < b64) {
      scratch = new byte[Math.max(b64, 2 * scratch.length)];
      if (scratch.length <= 64 * 1024) {
        SCRATCH.set(scratch); // a large envelope does not pin more than 64 KiB to the thread
      }
    }
    int n = BASE64.encode(m.envelope(), scratch);
    line.writeBytes(scratch, 0, n);
    line.writeBytes(SENT_AT);
    line.writeCharSequence(sentAt, StandardCharsets.US_ASCII);
    line.writeByte('}');
    line.writeByte('\n');
    return line;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
