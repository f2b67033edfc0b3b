package dev.parley.server.relay;

import com.google.gson.JsonObject;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Frames;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.session.Deliveries;
import dev.parley.server.session.UserField;
import dev.parley.server.store.MessageQueue;
import dev.parley.server.store.ReceiptStore;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The relay: {@code send} stores an envelope and pushes it to the recipient if online, {@code ack}
 * deletes it and may record a receipt for the sender, {@code ack_receipt} deletes a receipt the
 * sender has seen, and {@code typing} passes an opaque notice on to an online recipient only.
 */
public final class Relay {
  /**
   * Largest envelope a {@code send} may carry, in decoded bytes: in base64, with the rest of the
   * frame, it still fits the default 64 KiB frame (48 KiB would not: it alone encodes to 64 KiB).
   */
  static final int MAX_ENVELOPE_BYTES = 47 * 1024;

  /** Largest opaque payload of a {@code typing} frame, in decoded bytes. */
  static final int MAX_TYPING_BYTES = 2 * 1024;

  private static final Pattern MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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
  public CompletableFuture<JsonObject> send(String from, JsonObject f) throws ProtocolException {
    String to = UserField.read(f, "to");
    String msgId = Fields.string(f, "msgId", 64);
    if (!MSG_ID.matcher(msgId).matches()) {
      throw ProtocolException.badRequest("msgId is 1 to 64 characters of A-Z a-z 0-9 _ -");
    }
    byte[] envelope = Fields.bytes(f, "envelope", MAX_ENVELOPE_BYTES);
    if (to.equals(from)) {
      throw ProtocolException.badRequest("You cannot send to yourself.");
    }
    return queue
        .enqueue(
            from,
            to,
            msgId,
            envelope,
            System.currentTimeMillis(),
            // In commit order, so the recipient's connection hears messages in seq order.
            r -> {
              if (!r.duplicate()) {
                deliveries.message(r.message());
              }
            })
        .thenApply(
            r -> {
              JsonObject body = new JsonObject();
              body.addProperty("msgId", msgId);
              body.addProperty("sentAt", r.sentAt());
              body.addProperty("duplicate", r.duplicate());
              return body;
            });
  }

  /** {@code ack} from {@code recipient} of a message it has stored. */
  public CompletableFuture<JsonObject> ack(String recipient, JsonObject f)
      throws ProtocolException {
    String from = UserField.read(f, "from");
    String msgId = Fields.string(f, "msgId", 64);
    return queue
        .acknowledge(
            recipient,
            from,
            msgId,
            System.currentTimeMillis(),
            receipt -> receipt.ifPresent(deliveries::receipt))
        .thenApply(receipt -> new JsonObject());
  }

  /** {@code ack_receipt} from the receipt's {@code owner}. */
  public CompletableFuture<JsonObject> ackReceipt(String owner, JsonObject f)
      throws ProtocolException {
    long rid = Fields.integer(f, "rid", 1, Long.MAX_VALUE);
    return receipts.acknowledgeReceipt(owner, rid).thenApply(v -> new JsonObject());
  }

  /** {@code typing} from {@code from}: passed on to the recipient only while it is online. */
  public CompletableFuture<JsonObject> typing(String from, JsonObject f) throws ProtocolException {
    String to = UserField.read(f, "to");
    byte[] payload = Fields.bytes(f, "envelope", MAX_TYPING_BYTES);
    JsonObject event = Frames.of(FrameType.TYPING);
    event.addProperty("from", from);
    event.addProperty("envelope", Fields.base64(payload));
    deliveries.event(to, event, true);
    return CompletableFuture.completedFuture(new JsonObject());
  }
}
