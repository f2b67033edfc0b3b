package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;

/**
 * The {@code ok} to a {@code send}: the message is committed.
 *
 * @param re the request's id
 * @param msgId the message's id
 * @param sentAt when the server first accepted it (ms since the epoch)
 * @param duplicate true when this is a retry of a message accepted before
 */
public record SendOk(String re, String msgId, long sentAt, boolean duplicate) implements Answer {
  /** Checks the fields in wire order. */
  public SendOk {
    re = Checks.id(re);
    Checks.check(
        () -> {
          FieldRules.msgId("msgId", msgId);
          FieldRules.range("sentAt", sentAt, 0, Long.MAX_VALUE);
        });
  }

  @Override
  public String type() {
    return FrameType.OK;
  }
}
