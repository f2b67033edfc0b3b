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

  /** {@code send} from {@code from}: answered once the envelope is durable or acknowledged. */
  public CompletableFuture<SendOk> send(String from, SendRequest r) throws ProtocolException {
    if (r.to().equals(from)) {
      throw ProtocolException.badRequest("You cannot send to yourself.");
    }
    return engine
        .send(from, r.to(), r.msgId(), r.envelope(), System.currentTimeMillis())
        .thenApply(stored -> new SendOk(r.id(), r.msgId(), stored.sentAt(), stored.duplicate()));
  }

  /** {@code ack} from {@code recipient} of a message it has stored. */
  public CompletableFuture<EmptyOk> ack(String recipient, AckRequest r) {
    return engine
        .ack(recipient, r.from(), r.msgId(), System.currentTimeMillis())
        .thenApply(v -> new EmptyOk(r.id()));
  }

  /** {@code ack_receipt} from the receipt's {@code owner}. */
  public CompletableFuture<EmptyOk> ackReceipt(String owner, AckReceiptRequest r) {
    return engine.ackReceipt(owner, r.rid()).thenApply(v -> new EmptyOk(r.id()));
  }

  /** {@code typing} from {@code from}: passed on to the recipient only while it is online. */
  public CompletableFuture<EmptyOk> typing(String from, TypingRequest r) {
    deliveries.event(r.to(), new TypingEvent(from, r.envelope()), true);
    return CompletableFuture.completedFuture(new EmptyOk(r.id()));
  }
}
