package dev.parley.server.relay;

import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.AckReceiptRequest;
import dev.parley.protocol.frame.AckRequest;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.SendOk;
import dev.parley.protocol.frame.SendRequest;
import dev.parley.protocol.frame.TypingEvent;
import dev.parley.protocol.frame.TypingRequest;
import dev.parley.server.session.Deliveries;
import dev.parley.server.store.MessageQueue;
import dev.parley.server.store.ReceiptStore;
import java.util.concurrent.CompletableFuture;

/**
 * The relay: {@code send} stores an envelope and pushes it to the recipient if online, {@code ack}
 * deletes it and may record a receipt for the sender, {@code ack_receipt} deletes a receipt the
 * sender has seen, and {@code typing} passes an opaque notice on to an online recipient only.
 */
public final class Relay {
  private final MessageQueue queue;
  private final ReceiptStore receipts;
  private final Deliveries deliveries;

  /** The relay over {@code queue} and {@code receipts}, pushing through {@code deliveries}. */
  public Relay(MessageQueue queue, ReceiptStore receipts, Deliveries deliveries) {
    this.queue = queue;
    this.receipts = receipts;
    this.deliveries = deliveries;
  }

  /** {@code send} from {@code from}: answered once the envelope is committed. */
  public CompletableFuture<SendOk> send(String from, SendRequest r) throws ProtocolException {
    if (r.to().equals(from)) {
      throw ProtocolException.badRequest("You cannot send to yourself.");
    }
    return queue
        .enqueue(
            from,
            r.to(),
            r.msgId(),
            r.envelope(),
            System.currentTimeMillis(),
            // In commit order, so the recipient's connection hears messages in seq order.
            stored -> {
              if (!stored.duplicate()) {
                deliveries.message(stored.message());
              }
            })
        .thenApply(stored -> new SendOk(r.id(), r.msgId(), stored.sentAt(), stored.duplicate()));
  }

  /** {@code ack} from {@code recipient} of a message it has stored. */
  public CompletableFuture<EmptyOk> ack(String recipient, AckRequest r) {
    return queue
        .acknowledge(
            recipient,
            r.from(),
            r.msgId(),
            System.currentTimeMillis(),
            receipt -> receipt.ifPresent(deliveries::receipt))
        .thenApply(receipt -> new EmptyOk(r.id()));
  }

  /** {@code ack_receipt} from the receipt's {@code owner}. */
  public CompletableFuture<EmptyOk> ackReceipt(String owner, AckReceiptRequest r) {
    return receipts.acknowledgeReceipt(owner, r.rid()).thenApply(v -> new EmptyOk(r.id()));
  }

  /** {@code typing} from {@code from}: passed on to the recipient only while it is online. */
  public CompletableFuture<EmptyOk> typing(String from, TypingRequest r) {
    deliveries.event(r.to(), new TypingEvent(from, r.envelope()), true);
    return CompletableFuture.completedFuture(new EmptyOk(r.id()));
  }
}
