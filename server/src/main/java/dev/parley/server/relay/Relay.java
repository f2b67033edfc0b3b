package dev.parley.server.relay;

import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.AckReceiptRequest;
import dev.parley.protocol.frame.AckRequest;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.SendOk;
import dev.parley.protocol.frame.SendReceipt;
import dev.parley.protocol.frame.SendRequest;
import dev.parley.protocol.frame.TypingEvent;
import dev.parley.protocol.frame.TypingRequest;
import dev.parley.server.session.Deliveries;
import dev.parley.server.store.Receipt;
import java.util.concurrent.CompletableFuture;

/**
 * The relay's requests: {@code send} hands an envelope to the engine, which delivers it to the
 * recipient if online and answers once it is durable or acknowledged; {@code ack} drops it and may
 * give the sender a receipt; {@code ack_receipt} drops a receipt the sender has seen; {@code
 * typing} passes an opaque notice on to an online recipient only.
 */
public final class Relay {
  private final RelayEngine engine;
  private final Deliveries deliveries;

  /** The relay's requests over {@code engine}, with typing notices through {@code deliveries}. */
  public Relay(RelayEngine engine, Deliveries deliveries) {
    this.engine = engine;
    this.deliveries = deliveries;
  }

  /**
   * {@code send} from {@code from}: answered once the envelope is durable or acknowledged; with
   * {@code receiptInOk} (protocol version 2) the answer carries the receipt when it is already due.
   */
  public CompletableFuture<SendOk> send(String from, SendRequest r, boolean receiptInOk)
      throws ProtocolException {
    if (r.to().equals(from)) {
      throw ProtocolException.badRequest("You cannot send to yourself.");
    }
    return engine
        .send(from, r.to(), r.msgId(), r.envelope(), System.currentTimeMillis(), receiptInOk)
        .thenApply(
            stored ->
                new SendOk(
                    r.id(),
                    r.msgId(),
                    stored.sentAt(),
                    stored.duplicate(),
                    answered(stored.receipt())));
  }

  private static SendReceipt answered(Receipt r) {
    return r == null ? null : new SendReceipt(r.rid(), r.status(), r.at());
  }

  /** {@code ack} from {@code recipient} of messages it has stored. */
  public CompletableFuture<EmptyOk> ack(String recipient, AckRequest r) {
    return engine
        .ack(recipient, r.messages(), System.currentTimeMillis())
        .thenApply(v -> confirmed(r.id()));
  }

  /** {@code ack_receipt} from the receipts' {@code owner}. */
  public CompletableFuture<EmptyOk> ackReceipt(String owner, AckReceiptRequest r) {
    return engine.ackReceipts(owner, r.rids()).thenApply(v -> confirmed(r.id()));
  }

  /** The answer to a confirmation; none (null) for one sent without an id, which is unanswered. */
  private static EmptyOk confirmed(String id) {
    return id == null ? null : new EmptyOk(id);
  }

  /** {@code typing} from {@code from}: passed on to the recipient only while it is online. */
  public CompletableFuture<EmptyOk> typing(String from, TypingRequest r) {
    deliveries.event(r.to(), new TypingEvent(from, r.envelope()), true);
    return CompletableFuture.completedFuture(new EmptyOk(r.id()));
  }
}
