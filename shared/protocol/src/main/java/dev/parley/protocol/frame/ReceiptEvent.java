package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;

/**
 * The recipient's device acknowledged a message this user sent.
 *
 * @param rid the receipt's id, {@code 1 … 2^63-1}
 * @param to the message's recipient, canonical
 * @param msgId the message's id, 1–64 characters
 * @param status {@code delivered} (1–32 characters)
 * @param at when it was acknowledged (ms since the epoch)
 */
public record ReceiptEvent(long rid, String to, String msgId, String status, long at)
    implements Event {
  /** The one status the server records. */
  public static final String DELIVERED = "delivered";

  /** Checks the fields in the order the client has always read them. */
  public ReceiptEvent {
    Checks.check(
        () -> {
          FieldRules.serverUser("to", to);
          FieldRules.text("msgId", msgId, Limits.MAX_MSG_ID_CHARS);
          FieldRules.range("rid", rid, 1, Long.MAX_VALUE);
          FieldRules.text("status", status, Limits.MAX_STATUS_CHARS);
          FieldRules.range("at", at, 0, Long.MAX_VALUE);
        });
  }

  @Override
  public String type() {
    return FrameType.RECEIPT;
  }
}
