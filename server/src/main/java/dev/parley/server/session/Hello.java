package dev.parley.server.session;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.protocol.frame.HelloOk;
import dev.parley.protocol.frame.HelloRequest;
import java.util.concurrent.CompletableFuture;

/** The client's {@code hello}: the protocol version it speaks, once per connection. */
public final class Hello {
  private Hello() {}

  /** Refuses a second {@code hello} (before its fields are read). */
  public static void requireFirst(Caller caller) throws ProtocolException {
    if (caller.helloDone()) {
      throw ProtocolException.badRequest("hello was already sent.");
    }
  }

  /** Accepts the client's {@code hello}, or closes the connection on another version. */
  public static void accept(Caller caller, HelloRequest hello) {
    if (hello.version() != ProtocolInfo.VERSION) {
      caller.closeWithError(
          hello.id(),
          new ProtocolException(
              ErrorCode.UNSUPPORTED_VERSION,
              "This server speaks protocol version " + ProtocolInfo.VERSION + " only."));
      return;
    }
    caller.markHelloDone();
    caller.respond(
        hello.id(),
        CompletableFuture.completedFuture(new HelloOk(hello.id(), ProtocolInfo.VERSION)));
  }
}
