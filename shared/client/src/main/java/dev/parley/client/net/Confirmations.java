package dev.parley.client.net;

import dev.parley.protocol.frame.AckReceiptRequest;
import dev.parley.protocol.frame.AckRequest;
import dev.parley.protocol.frame.MessageRef;
import dev.parley.protocol.frame.Request;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The acks and receipt confirmations of one connection, gathered and written once per turn of its
 * event loop: on protocol version 2 as lists without ids, which the server does not answer
 * (docs/decisions/0014), so a batch of messages costs one frame each way instead of two per
 * message; on version 1 one request with an id each, whose answers are not awaited. A confirmation
 * lost with its connection is harmless: the server delivers the message or receipt again.
 */
final class Confirmations {
  /**
   * Most messages or receipts one frame confirms: well inside the smallest frame limit a server is
   * likely to set, though the protocol allows {@link
   * dev.parley.protocol.Limits#MAX_ACKS_PER_FRAME}.
   */
  static final int PER_FRAME = 64;

  private final Channel channel;
  private final int version;
  private final Supplier<String> ids;
  private List<MessageRef> acks = new ArrayList<>();
  private List<Long> receipts = new ArrayList<>();
  private boolean scheduled;

  Confirmations(Channel channel, int version, Supplier<String> ids) {
    this.channel = channel;
    this.version = version;
    this.ids = ids;
  }

  /** Confirms the message {@code m} with the next batch. */
  synchronized void ack(MessageRef m) {
    acks.add(m);
    schedule();
  }

  /** Confirms receipt {@code rid} with the next batch. */
  synchronized void receipt(long rid) {
    receipts.add(rid);
    schedule();
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      // Runs after what the event loop is reading now, so a read batch's confirmations go as one.
      try {
        channel.eventLoop().execute(this::write);
      } catch (RejectedExecutionException e) {
        scheduled = false; // the connection is gone; what it confirms comes again on the next
      }
    }
  }

  private void write() {
    List<MessageRef> a;
    List<Long> r;
    synchronized (this) {
      a = acks;
      r = receipts;
      acks = new ArrayList<>();
      receipts = new ArrayList<>();
      scheduled = false;
    }
    if (version >= 2) {
      for (int i = 0; i < a.size(); i += PER_FRAME) {
        write(new AckRequest(null, a.subList(i, Math.min(a.size(), i + PER_FRAME))));
      }
      for (int i = 0; i < r.size(); i += PER_FRAME) {
        write(new AckReceiptRequest(null, r.subList(i, Math.min(r.size(), i + PER_FRAME))));
      }
    } else {
      a.forEach(m -> write(new AckRequest(ids.get(), List.of(m))));
      r.forEach(rid -> write(new AckReceiptRequest(ids.get(), rid)));
    }
    channel.flush();
  }

  private void write(Request request) {
    channel.write(request);
  }
}
