package dev.parley.bench.load;

import dev.parley.client.api.ServerErrorException;
import dev.parley.platform.Futures;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.MessageEvent;
import dev.parley.protocol.frame.MessageRef;
import dev.parley.protocol.frame.ReceiptEvent;
import dev.parley.protocol.frame.SendOk;
import dev.parley.protocol.frame.SendRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.HdrHistogram.Histogram;

/**
 * Relay with random envelopes over the raw protocol: measures the server alone. Each envelope
 * starts with the send time (nanoTime) and the sequence number; the rest is random.
 */
final class OpaqueRelay {
  private final Target target;
  private final List<LoadUser> users;
  private final RelaySettings settings;
  private final List<SendWindow> senders = new ArrayList<>();
  private final List<DeliveryTracker> receivers = new ArrayList<>();

  private OpaqueRelay(Target target, List<LoadUser> users, RelaySettings settings) {
    this.target = target;
    this.users = users;
    this.settings = settings;
  }

  /** Registers the pairs' accounts and wires senders and receivers, sending nothing yet. */
  static OpaqueRelay prepare(Target target, RelaySettings s, LongPredicate recordLatencyOf) {
    OpaqueRelay relay =
        new OpaqueRelay(target, LoadUser.named(LoadUser.runPrefix(), 2 * s.pairs()), s);
    LoadUser.registerAll(target, relay.users);
    Histogram latencies = DeliveryTracker.sharedLatencies();
    for (int i = 0; i < relay.users.size(); i++) {
      LoadUser me = relay.users.get(i);
      LoadUser partner = relay.users.get(i ^ 1);
      DeliveryTracker tracker = new DeliveryTracker(recordLatencyOf, latencies);
      relay.receivers.add(tracker);
      me.onEvents(f -> onEvent(me, partner.name, tracker, f));
      byte[] filler = new byte[s.size()];
      ThreadLocalRandom.current().nextBytes(filler);
      relay.senders.add(window(me, partner.name, s.messages(), s.window(), filler));
    }
    return relay;
  }

  List<SendWindow> senders() {
    return senders;
  }

  /** Sends everything and reports once all acknowledged messages arrived. */
  RelayResult measure() throws InterruptedException {
    return RelayRun.measure("opaque", target, settings, senders, receivers);
  }

  /** Disconnects every client. */
  void close() {
    users.forEach(LoadUser::disconnect);
  }

  /** An envelope: send time, sequence number, then {@code filler}'s remaining bytes. */
  static byte[] envelope(byte[] filler, int seq) {
    byte[] e = filler.clone();
    ByteBuffer.wrap(e).putLong(System.nanoTime()).putInt(seq);
    return e;
  }

  /** The send time (nanoTime) an {@link #envelope} starts with. */
  static long sentNanos(byte[] envelope) {
    return ByteBuffer.wrap(envelope).getLong(0);
  }

  /** The sequence number of an {@link #envelope}. */
  static int sequence(byte[] envelope) {
    return ByteBuffer.wrap(envelope).getInt(Long.BYTES);
  }

  /**
   * A window (not started) that sends {@code count} envelopes made from {@code filler} from {@code
   * from} to {@code to}, at most {@code window} unacknowledged.
   */
  static SendWindow window(LoadUser from, String to, int count, int window, byte[] filler) {
    SendWindow[] w = new SendWindow[1];
    w[0] =
        new SendWindow(count, window, seq -> transmit(from, to, seq, envelope(filler, seq), w[0]));
    return w[0];
  }

  /** The request that sends message {@code seq} to {@code to}. */
  static SendRequest send(String id, String to, int seq, byte[] envelope) {
    return new SendRequest(id, to, "m" + seq, envelope);
  }

  /** Sends message {@code seq}, retrying what the server asks to retry; tells {@code window}. */
  static void transmit(LoadUser me, String to, int seq, byte[] envelope, SendWindow window) {
    me.request(id -> send(id, to, seq, envelope))
        .whenComplete(
            (ok, err) -> {
              if (err == null) {
                if (ok instanceof SendOk s && s.receipt() != null) {
                  me.connection().confirmReceipt(s.receipt().rid());
                }
                window.acknowledged();
                return;
              }
              Throwable c = Futures.unwrap(err);
              if (c instanceof ServerErrorException se && retryable(se.code())) {
                // Same msgId: the server de-duplicates, so a retry can never deliver twice.
                long wait = Math.max(10, se.retryAfterMs());
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                    .execute(() -> transmit(me, to, seq, envelope, window));
              } else {
                window.refused();
              }
            });
  }

  private static boolean retryable(ErrorCode code) {
    return code == ErrorCode.RATE_LIMITED || code == ErrorCode.SERVER_BUSY;
  }

  /**
   * Tracks and acknowledges a message from {@code partner}; confirms receipts. As Parley's client
   * does, the confirmations of one read go together (one frame each way on protocol version 2).
   */
  static void onEvent(LoadUser me, String partner, DeliveryTracker tracker, Event e) {
    if (e instanceof MessageEvent m) {
      if (m.from().equals(partner)) {
        tracker.received(sequence(m.envelope()), sentNanos(m.envelope()));
      }
      me.connection().acknowledge(new MessageRef(m.from(), m.msgId()));
    } else if (e instanceof ReceiptEvent r) {
      me.connection().confirmReceipt(r.rid());
    }
  }
}
