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

  /**
   * Accepts the client's {@code hello} in the version it names when this server speaks it, or
   * closes the connection.
   */
  public static void accept(Caller caller, HelloRequest hello) {
    if (!ProtocolInfo.speaks(hello.version())) {
      caller.closeWithError(
          hello.id(),
          new ProtocolException(
              ErrorCode.UNSUPPORTED_VERSION,
              "This server speaks protocol versions "
                  + ProtocolInfo.OLDEST_VERSION
                  + " to "
                  + ProtocolInfo.VERSION
                  + "."));
      return;
    }
    caller.markHelloDone(hello.version());
    caller.respond(
        hello.id(), CompletableFuture.completedFuture(new HelloOk(hello.id(), hello.version())));
  }
}
