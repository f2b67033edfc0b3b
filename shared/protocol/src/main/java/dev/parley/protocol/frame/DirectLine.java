package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.ThreadScratch;
import dev.parley.protocol.UsernameRules;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The lines of the relay's most frequent frames, the {@code message} event and the {@code ok} of a
 * {@code send} from the server and the {@code send} from a client, written straight into their
 * buffer: the same bytes as {@link FrameCodec#encode} and a newline, without a JSON tree, a string
 * of the envelope's base64 or a UTF-8 pass. Only for text fields JSON writes as they are (names and
 * ids of {@code A-Z a-z 0-9 _ . -}); anything else takes the general path.
 */
final class DirectLine {
  private static final byte[] MESSAGE = ascii("{\"type\":\"message\",\"from\":\"");
  private static final byte[] MSG_ID = ascii("\",\"msgId\":\"");
  private static final byte[] ENVELOPE = ascii("\",\"envelope\":\"");
  private static final byte[] SENT_AT = ascii("\",\"sentAt\":");
  private static final byte[] OK = ascii("{\"type\":\"ok\",\"re\":\"");
  private static final byte[] SEND = ascii("{\"type\":\"send\",\"id\":\"");
  private static final byte[] TO = ascii("\",\"to\":\"");
  private static final byte[] DUPLICATE = ascii(",\"duplicate\":");
  private static final byte[] RECEIPT = ascii(",\"receipt\":{\"rid\":");
  private static final byte[] STATUS = ascii(",\"status\":\"");
  private static final byte[] AT = ascii("\",\"at\":");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final ThreadScratch SCRATCH = new ThreadScratch(1024);
  private static final ThreadScratch BASE64_SCRATCH = new ThreadScratch(1024);

  private DirectLine() {}

  /**
   * The line of {@code frame} in a buffer of exactly its size, or null when it is not one of these.
   */
  static ByteBuf write(ByteBufAllocator alloc, Frame frame) {
    if (frame instanceof MessageEvent m && plain(m.from()) && plain(m.msgId())) {
      return message(alloc, m);
    }
    if (frame instanceof SendRequest r && plain(r.id()) && plain(r.to()) && plain(r.msgId())) {
      return send(alloc, r);
    }
    if (frame instanceof SendOk s
        && plain(s.re())
        && plain(s.msgId())
        && (s.receipt() == null || plain(s.receipt().status()))) {
      return sendOk(alloc, s);
    }
    return null;
  }

  /** True when JSON writes {@code s} as it is: names and ids of {@code A-Z a-z 0-9 _ . -}. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!FieldRules.isMsgIdChar(c) && !UsernameRules.isNameChar(c)) {
        return false;
      }
    }
    return true;
  }

  private static ByteBuf message(ByteBufAllocator alloc, MessageEvent m) {
    byte[] envelope = m.envelope();
    int b64 = 4 * ((envelope.length + 2) / 3);
    Line out = new Line(MESSAGE.length + m.from().length() + m.msgId().length() + b64 + 80);
    out.raw(MESSAGE).text(m.from()).raw(MSG_ID).text(m.msgId()).raw(ENVELOPE);
    byte[] encoded = BASE64_SCRATCH.get(b64);
    out.raw(encoded, BASE64.encode(envelope, encoded)); // the JDK encodes only from index 0
    out.raw(SENT_AT).number(m.sentAt()).raw('}');
    return out.into(alloc);
  }

  private static ByteBuf send(ByteBufAllocator alloc, SendRequest r) {
    int b64 = 4 * ((r.envelope().length + 2) / 3);
    Line out =
        new Line(SEND.length + r.id().length() + r.to().length() + r.msgId().length() + b64 + 64);
    out.raw(SEND).text(r.id()).raw(TO).text(r.to()).raw(MSG_ID).text(r.msgId()).raw(ENVELOPE);
    byte[] encoded = BASE64_SCRATCH.get(b64);
    out.raw(encoded, BASE64.encode(r.envelope(), encoded));
    return out.raw('"').raw('}').into(alloc);
  }

  private static ByteBuf sendOk(ByteBufAllocator alloc, SendOk s) {
    Line out = new Line(OK.length + s.re().length() + s.msgId().length() + 200);
    out.raw(OK).text(s.re()).raw(MSG_ID).text(s.msgId()).raw(SENT_AT).number(s.sentAt());
    out.raw(DUPLICATE).raw(s.duplicate() ? TRUE : FALSE);
    if (s.receipt() != null) {
      out.raw(RECEIPT).number(s.receipt().rid()).raw(STATUS).text(s.receipt().status());
      out.raw(AT).number(s.receipt().at()).raw('}');
    }
    return out.raw('}').into(alloc);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** ASCII written into the thread's scratch array, then copied once into a buffer. */
  private static final class Line {
    final byte[] bytes;
    int at;

    Line(int capacity) {
      bytes = SCRATCH.get(capacity);
    }

    Line raw(byte[] b) {
      return raw(b, b.length);
    }

    Line raw(byte[] b, int n) {
      System.arraycopy(b, 0, bytes, at, n);
      at += n;
      return this;
    }

    Line raw(char c) {
      bytes[at++] = (byte) c;
      return this;
    }

    Line text(String ascii) {
      for (int i = 0; i < ascii.length(); i++) {
        bytes[at++] = (byte) ascii.charAt(i); // every char is ASCII: checked by plain()
      }
      return this;
    }

    Line number(long n) {
      return text(Long.toString(n));
    }

    ByteBuf into(ByteBufAllocator alloc) {
      raw('\n');
      ByteBuf line = alloc.buffer(at);
      line.writeBytes(bytes, 0, at);
      return line;
    }
  }
}
