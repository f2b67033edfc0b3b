package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import java.util.List;

/**
 * Confirms delivered receipts so the server deletes them: one ({@code rid} on the wire) or, from
 * protocol version 2, up to {@link Limits#MAX_ACKS_PER_FRAME} ({@code rids}).
 *
 * @param id request id, or null (version 2: then it is not answered)
 * @param rids the receipts' ids, each {@code 1 … 2^63-1}, at least one
 */
public record AckReceiptRequest(String id, List<Long> rids) implements Request {
  /** Checks the id, the number of receipts and each id. */
  public AckReceiptRequest {
    id = Checks.optId("id", id);
    rids = List.copyOf(rids);
    List<Long> all = rids;
    Checks.check(
        () -> {
          FieldRules.elements("rids", all.size(), Limits.MAX_ACKS_PER_FRAME);
          for (long rid : all) {
            FieldRules.range("rid", rid, 1, Long.MAX_VALUE);
          }
        });
  }

  /** Confirms the one receipt {@code rid}. */
  public AckReceiptRequest(String id, long rid) {
    this(id, List.of(rid));
  }

  @Override
  public String type() {
    return FrameType.ACK_RECEIPT;
  }
}
