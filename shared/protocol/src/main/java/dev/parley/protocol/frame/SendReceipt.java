package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.Limits;

/**
 * A delivery receipt carried by the {@code ok} of its {@code send} (protocol version 2): the
 * recipient acknowledged the message before that {@code ok} was sent. Its recipient and message are
 * the send's; it is confirmed with {@code ack_receipt} like a {@code receipt} event.
 *
 * @param rid the receipt's id, {@code 1 … 2^63-1}
 * @param status {@code delivered} (1–32 characters)
 * @param at when it was acknowledged (ms since the epoch)
 */
public record SendReceipt(long rid, String status, long at) {
  /** Checks the fields in wire order. */
  public SendReceipt {
    Checks.check(
        () -> {
          FieldRules.range("rid", rid, 1, Long.MAX_VALUE);
          FieldRules.text("status", status, Limits.MAX_STATUS_CHARS);
          FieldRules.range("at", at, 0, Long.MAX_VALUE);
        });
  }

  /** The receipt as the event it stands for, of the message {@code msgId} sent to {@code to}. */
  public ReceiptEvent asEvent(String to, String msgId) {
    return new ReceiptEvent(rid, to, msgId, status, at);
  }
}
