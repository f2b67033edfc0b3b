package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;

/**
 * The {@code ok} to a {@code send}: the message is committed, or acknowledged by its recipient.
 *
 * @param re the request's id
 * @param msgId the message's id
 * @param sentAt when the server first accepted it (ms since the epoch)
 * @param duplicate true when this is a retry of a message accepted before
 * @param receipt the message's delivery receipt when it is already due (version 2), or null
 */
public record SendOk(String re, String msgId, long sentAt, boolean duplicate, SendReceipt receipt)
    implements Answer {
  /** Checks the fields in wire order. */
  public SendOk {
    re = Checks.id(re);
    Checks.check(
        () -> {
          FieldRules.msgId("msgId", msgId);
          FieldRules.range("sentAt", sentAt, 0, Long.MAX_VALUE);
        });
  }

  /** An {@code ok} without a receipt. */
  public SendOk(String re, String msgId, long sentAt, boolean duplicate) {
    this(re, msgId, sentAt, duplicate, null);
  }

  @Override
  public String type() {
    return FrameType.OK;
  }
}
