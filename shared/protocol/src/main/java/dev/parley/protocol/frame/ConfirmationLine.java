package dev.parley.protocol.frame;

import static dev.parley.protocol.frame.LineScan.plainNumber;
import static dev.parley.protocol.frame.LineScan.plainTextEnd;
import static dev.parley.protocol.frame.LineScan.startsWith;

import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ThreadScratch;
import dev.parley.protocol.UsernameRules;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Reads an {@code ack} or {@code ack_receipt} straight from its bytes when it is written exactly as
 * Parley's clients write it: {@code {"type":"ack",["id":…,]"from":…,"msgId":…}} or, from version 2,
 * {@code "messages":[{"from":…,"msgId":…},…]}; {@code {"type":"ack_receipt",["id":…,]"rid":N}} or
 * {@code "rids":[N,…]}; no space, no escape, every rule of the fields met. A relayed message costs
 * one of each, and the general reader's JSON tree (with the 2 KiB buffer its JSON reader allocates)
 * was most of what the server allocated per message. Anything else, valid or not, is left to the
 * general reader, which gives the same request for a valid frame and every error in its order for
 * an invalid one.
 */
public final class ConfirmationLine {
  private static final byte[] ACK = LineScan.ascii("{\"type\":\"ack\",");
  private static final byte[] ACK_RECEIPT = LineScan.ascii("{\"type\":\"ack_receipt\",");
  private static final byte[] ID = LineScan.ascii("\"id\":\"");
  private static final byte[] FROM = LineScan.ascii("\"from\":\"");
  private static final byte[] MSG_ID = LineScan.ascii("\",\"msgId\":\"");
  private static final byte[] MESSAGES = LineScan.ascii("\"messages\":[");
  private static final byte[] RID = LineScan.ascii("\"rid\":");
  private static final byte[] RIDS = LineScan.ascii("\"rids\":[");
  // The longest line this reader takes (a longer one is the general reader's: it is too large).
  private static final int MAX_LINE = Limits.DEFAULT_MAX_FRAME_BYTES;
  private static final ThreadScratch SCRATCH = new ThreadScratch(4096);

  private ConfirmationLine() {}

  /**
   * The frame of {@code line} (not consumed) when it is such a confirmation on a connection that
   * speaks {@code version}, else null.
   */
  public static ReceivedFrame read(ByteBuf line, int version) {
    try {
      byte[] b = LineScan.copyIfStartsWith(line, ACK, MAX_LINE, SCRATCH);
      if (b != null) {
        return ack(b, line.readableBytes(), version);
      }
      b = LineScan.copyIfStartsWith(line, ACK_RECEIPT, MAX_LINE, SCRATCH);
      return b == null ? null : receiptAck(b, line.readableBytes(), version);
    } catch (InvalidFrameException e) {
      return null; // a rule this reader does not know of: the general reader answers it
    }
  }

  private static ReceivedFrame ack(byte[] b, int end, int version) {
    Scan s = new Scan(b, ACK.length, end);
    String id = s.id();
    List<MessageRef> refs = new ArrayList<>();
    boolean read =
        !s.failed()
            && body(
                s,
                version,
                FROM,
                x -> x.ref(refs) && x.take('}'),
                MESSAGES,
                x -> x.take('{') && x.take(FROM) && x.ref(refs) && x.take('}'),
                refs::size);
    return read ? new ReceivedFrame(FrameType.ACK, id, null, new AckRequest(id, refs)) : null;
  }

  private static ReceivedFrame receiptAck(byte[] b, int end, int version) {
    Scan s = new Scan(b, ACK_RECEIPT.length, end);
    String id = s.id();
    List<Long> rids = new ArrayList<>();
    boolean read =
        !s.failed()
            && body(
                s,
                version,
                RID,
                x -> x.rid(rids) && x.take('}'),
                RIDS,
                x -> x.rid(rids),
                rids::size);
    return read
        ? new ReceivedFrame(FrameType.ACK_RECEIPT, id, null, new AckReceiptRequest(id, rids))
        : null;
  }

  /** Reads one element at the cursor into the list being built; false when it is not there. */
  private interface Element {
    boolean read(Scan s);
  }

  /**
   * The rest of the line after its type and id: {@code one} and its {@code single} element, or
   * (from version 2) {@code many} and 1 to {@link Limits#MAX_ACKS_PER_FRAME} {@code listed}
   * elements and the list's end; then the line's end.
   */
  private static boolean body(
      Scan s,
      int version,
      byte[] one,
      Element single,
      byte[] many,
      Element listed,
      IntSupplier count) {
    if (s.take(one)) {
      return single.read(s) && s.atEnd();
    }
    if (version < 2 || !s.take(many)) {
      return false;
    }
    do {
      if (count.getAsInt() == Limits.MAX_ACKS_PER_FRAME || !listed.read(s)) {
        return false;
      }
    } while (s.take(','));
    return s.take(']') && s.take('}') && s.atEnd();
  }

  /** A cursor over the line's bytes; any mismatch leaves the line to the general reader. */
  private static final class Scan {
    private final byte[] b;
    private final int end;
    private int at;
    private boolean failed;

    Scan(byte[] b, int at, int end) {
      this.b = b;
      this.at = at;
      this.end = end;
    }

    boolean take(byte[] part) {
      if (!startsWith(b, at, end, part)) {
        return false;
      }
      at += part.length;
      return true;
    }

    boolean take(char c) {
      if (at >= end || b[at] != c) {
        return false;
      }
      at++;
      return true;
    }

    boolean atEnd() {
      return at == end;
    }

    boolean failed() {
      return failed;
    }

    /** The optional {@code "id":"…",} at the cursor: its text, or null when there is none. */
    String id() {
      if (!take(ID)) {
        return null;
      }
      int idEnd = plainTextEnd(b, at, end, Limits.MAX_ID_CHARS);
      if (idEnd < 0 || idEnd + 2 > end || b[idEnd + 1] != ',') {
        failed = true;
        return null;
      }
      String id = LineScan.text(b, at, idEnd);
      at = idEnd + 2;
      return id;
    }

    /** After {@code "from":"}: the sender, then {@code ","msgId":"…"}, added to {@code refs}. */
    boolean ref(List<MessageRef> refs) {
      int fromEnd = plainTextEnd(b, at, end, Limits.MAX_USER_FIELD_CHARS);
      if (fromEnd < 0 || !startsWith(b, fromEnd, end, MSG_ID)) {
        return false;
      }
      String from = LineScan.text(b, at, fromEnd);
      int msgIdAt = fromEnd + MSG_ID.length;
      int msgIdEnd = plainTextEnd(b, msgIdAt, end, Limits.MAX_MSG_ID_CHARS);
      if (msgIdEnd < 0 || !UsernameRules.isValid(from)) {
        return false;
      }
      refs.add(new MessageRef(from, LineScan.text(b, msgIdAt, msgIdEnd)));
      at = msgIdEnd + 1;
      return true;
    }

    /**
     * The digits at the cursor as a receipt id (1 … 2^63-1 in JSON's plain form), added to {@code
     * rids}; what follows them is the caller's to check.
     */
    boolean rid(List<Long> rids) {
      int from = at;
      while (at < end && b[at] >= '0' && b[at] <= '9') {
        at++;
      }
      long rid = plainNumber(b, from, at);
      if (rid < 1) {
        return false;
      }
      rids.add(rid);
      return true;
    }
  }
}
