package dev.parley.client.net;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.client.api.MalformedServerFrameException;
import dev.parley.client.api.ServerErrorException;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.Answer;
import dev.parley.protocol.frame.ErrorFrame;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.ServerHello;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Reads what the server sends on a connection as strictly as the server reads clients ({@link
 * FrameCodec}): an {@code error} becomes a {@link ServerErrorException}, a frame that breaks the
 * protocol a logged {@link MalformedServerFrameException}.
 */
final class ServerFrames {
  private static final Logger LOG = Logger.getLogger(ServerFrames.class.getName());

  private ServerFrames() {}

  /**
   * {@code frame} read as an answer of type {@code expected}; failures stay unwrapped, as the
   * callers' checks ({@code IOException}, {@code TimeoutException}) expect.
   */
  static <A extends Answer> CompletableFuture<A> answered(
      CompletableFuture<JsonObject> frame, String requestType, Class<A> expected) {
    CompletableFuture<A> result = new CompletableFuture<>();
    frame.whenComplete(
        (f, err) -> {
          if (err != null) {
            result.completeExceptionally(err);
            return;
          }
          try {
            result.complete(typed(f, requestType, expected));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /** The answer {@code f} to a {@code requestType} request, read strictly. */
  private static <A extends Answer> A typed(JsonObject f, String requestType, Class<A> expected) {
    Answer a;
    try {
      a = FrameCodec.decodeAnswer(f, requestType);
    } catch (ProtocolException e) {
      throw malformed("answer to " + requestType, e);
    }
    if (a instanceof ErrorFrame e) {
      throw ServerErrorException.of(e);
    }
    if (!expected.isInstance(a)) {
      throw malformed(
          "answer to " + requestType,
          ProtocolException.badRequest("'" + a.type() + "' does not answer it"));
    }
    return expected.cast(a);
  }

  private static MalformedServerFrameException malformed(String what, ProtocolException e) {
    MalformedServerFrameException m = new MalformedServerFrameException(what, e);
    LOG.warning(m.getMessage());
    return m;
  }

  /**
   * {@code f}, a frame without {@code re} after the hello, read as strictly as the server reads
   * requests; null, logged, when it is malformed (as an unreadable line always was).
   */
  static Event event(JsonObject f) {
    try {
      return FrameCodec.decodeEvent(f);
    } catch (ProtocolException e) {
      LOG.warning("the server sent a malformed " + described(f) + ": " + e.getMessage());
      return null;
    }
  }

  /** What a malformed frame claims to be, for the log. */
  private static String described(JsonObject f) {
    JsonElement type = f.get("type");
    if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
      return "event without a type";
    }
    String name = type.getAsString();
    return (name.length() <= Limits.MAX_TYPE_CHARS ? name : "(overlong type)") + " event";
  }

  /**
   * The server's first frame: its {@code hello} (or an {@code error} refusing the connection).
   * Anything else, or a malformed hello, fails the connection.
   */
  static ServerHello hello(JsonObject f) {
    Event e;
    try {
      e = FrameCodec.decodeEvent(f);
    } catch (ProtocolException bad) {
      throw malformed("hello", bad);
    }
    if (e instanceof ErrorFrame error) {
      throw ServerErrorException.of(error);
    }
    if (e instanceof ServerHello hello) {
      return hello;
    }
    throw malformed("hello", ProtocolException.badRequest("'" + e.type() + "' came first"));
  }
}
