package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;

/**
 * Confirms a delivered message so the server deletes it.
 *
 * @param id request id
 * @param from the message's sender, canonicalised
 * @param msgId the message's id, 1–64 characters (any: an unknown id is harmless)
 */
public record AckRequest(String id, String from, String msgId) implements Request {
  /** Checks the fields in wire order and canonicalises the sender. */
  public AckRequest {
    id = Checks.id(id);
    from = Checks.requestedUser("from", from);
    Checks.check(
        () -> {
          FieldRules.text("msgId", msgId, Limits.MAX_MSG_ID_CHARS);
        });
  }

  @Override
  public String type() {
    return FrameType.ACK;
  }
}
