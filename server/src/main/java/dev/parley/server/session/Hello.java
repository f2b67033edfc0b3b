package dev.parley.server.session;

import com.google.gson.JsonObject;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Fields;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolInfo;
import java.util.concurrent.CompletableFuture;

/** The client's {@code hello}: the protocol version it speaks, once per connection. */
public final class Hello {
  private Hello() {}

  /** Accepts the client's {@code hello}, or closes the connection on another version. */
  public static void handle(Caller caller, String id, JsonObject f) throws ProtocolException {
    if (caller.helloDone()) {
      throw ProtocolException.badRequest("hello was already sent.");
    }
    long version = Fields.integer(f, "version", 0, Integer.MAX_VALUE);
    Fields.optString(f, "software", 128);
    if (version != ProtocolInfo.VERSION) {
      caller.closeWithError(
          id,
          new ProtocolException(
              ErrorCode.UNSUPPORTED_VERSION,
              "This server speaks protocol version " + ProtocolInfo.VERSION + " only."));
      return;
    }
    caller.markHelloDone();
    JsonObject body = new JsonObject();
    body.addProperty("version", ProtocolInfo.VERSION);
    caller.respond(id, CompletableFuture.completedFuture(body));
  }
}
