package dev.parley.server.relay;

import com.google.gson.JsonObject;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Frames;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;

/** The events that stream a user's offline queue and receipts to its connection. */
public final class RelayEvents {
  private RelayEvents() {}

  /** The {@code message} event for a queued envelope. */
  public static JsonObject message(QueuedMessage m) {
    JsonObject f = Frames.of(FrameType.MESSAGE);
    f.addProperty("from", m.sender());
    f.addProperty("msgId", m.msgId());
    f.addProperty("envelope", Fields.base64(m.envelope()));
    f.addProperty("sentAt", m.sentAt());
    return f;
  }

  /** The {@code receipt} event for a stored receipt. */
  public static JsonObject receipt(Receipt r) {
    JsonObject f = Frames.of(FrameType.RECEIPT);
    f.addProperty("rid", r.rid());
    f.addProperty("to", r.peer());
    f.addProperty("msgId", r.msgId());
    f.addProperty("status", r.status());
    f.addProperty("at", r.at());
    return f;
  }
}
