package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.Limits;

/**
 * One message an {@code ack} confirms.
 *
 * @param from the message's sender, canonicalised
 * @param msgId the message's id, 1–64 characters (any: an unknown id is harmless)
 */
public record MessageRef(String from, String msgId) {
  /** Checks the fields in wire order and canonicalises the sender. */
  public MessageRef {
    from = Checks.requestedUser("from", from);
    Checks.check(
        () -> {
          FieldRules.text("msgId", msgId, Limits.MAX_MSG_ID_CHARS);
        });
  }
}
