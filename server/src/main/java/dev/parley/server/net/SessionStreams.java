package dev.parley.server.net;

import dev.parley.protocol.frame.MessageEvent;
import dev.parley.protocol.frame.ReceiptEvent;
import dev.parley.server.relay.RelayEngine;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;

/**
 * The two streams of one logged-in session: its queued messages and its receipts, each first from
 * the relay (stored or still held), then live as they are accepted (see {@link Drain}). On the
 * channel's event loop.
 */
final class SessionStreams {
  private final Drain<QueuedMessage> messages;
  private final Drain<Receipt> receipts;

  private SessionStreams(Drain<QueuedMessage> messages, Drain<Receipt> receipts) {
    this.messages = messages;
    this.receipts = receipts;
  }

  /** Starts streaming what {@code user} has waiting to {@code output}. */
  static SessionStreams start(String user, RelayEngine relay, ChannelOutput output) {
    SessionStreams s =
        new SessionStreams(
            new Drain<>(
                output,
                (cursor, limit) -> relay.pending(user, cursor, limit),
                QueuedMessage::seq,
                m -> output.emit(message(m), false)),
            new Drain<>(
                output,
                (cursor, limit) -> relay.pendingReceipts(user, cursor, limit),
                Receipt::rid,
                r -> output.emit(receipt(r), false)));
    s.messages.start();
    s.receipts.start();
    return s;
  }

  private static MessageEvent message(QueuedMessage m) {
    return new MessageEvent(m.sender(), m.msgId(), m.envelope(), m.sentAt());
  }

  private static ReceiptEvent receipt(Receipt r) {
    return new ReceiptEvent(r.rid(), r.peer(), r.msgId(), r.status(), r.at());
  }

  /** A message newly accepted for this session's user. */
  void offer(QueuedMessage m) {
    messages.offer(m);
  }

  /** A receipt newly made for this session's user. */
  void offer(Receipt r) {
    receipts.offer(r);
  }

  /** The connection takes data again. */
  void onWritable() {
    messages.onWritable();
    receipts.onWritable();
  }

  /** The session ended. */
  void stop() {
    messages.stop();
    receipts.stop();
  }
}
