package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;

/**
 * Confirms a delivered receipt so the server deletes it.
 *
 * @param id request id
 * @param rid the receipt's id, {@code 1 … 2^63-1}
 */
public record AckReceiptRequest(String id, long rid) implements Request {
  /** Checks the fields. */
  public AckReceiptRequest {
    id = Checks.id(id);
    Checks.check(
        () -> {
          FieldRules.range("rid", rid, 1, Long.MAX_VALUE);
        });
  }

  @Override
  public String type() {
    return FrameType.ACK_RECEIPT;
  }
}
