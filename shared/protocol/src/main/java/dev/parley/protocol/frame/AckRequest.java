package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import java.util.List;

/**
 * Confirms delivered messages so the server deletes them: one ({@code from}, {@code msgId} on the
 * wire) or, from protocol version 2, up to {@link Limits#MAX_ACKS_PER_FRAME} ({@code messages}).
 *
 * @param id request id, or null (version 2: then it is not answered)
 * @param messages the messages confirmed, at least one
 */
public record AckRequest(String id, List<MessageRef> messages) implements Request {
  /** Checks the id and the number of messages. */
  public AckRequest {
    id = Checks.optId("id", id);
    messages = List.copyOf(messages);
    int n = messages.size();
    Checks.check(
        () -> {
          FieldRules.elements("messages", n, Limits.MAX_ACKS_PER_FRAME);
        });
  }

  /** Confirms the one message (from, msgId). */
  public AckRequest(String id, String from, String msgId) {
    this(id, List.of(new MessageRef(from, msgId)));
  }

  @Override
  public String type() {
    return FrameType.ACK;
  }
}
