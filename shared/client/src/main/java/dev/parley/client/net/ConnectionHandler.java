package dev.parley.client.net;

import com.google.gson.JsonObject;
import dev.parley.client.api.ServerAddress;
import dev.parley.platform.BuildInfo;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.HelloOk;
import dev.parley.protocol.frame.HelloRequest;
import dev.parley.protocol.frame.MessageEvent;
import dev.parley.protocol.frame.MessageLine;
import dev.parley.protocol.frame.PingRequest;
import dev.parley.protocol.frame.Pong;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The Netty end of a {@link ServerConnection}: the certificate is checked when the pipeline hears
 * that the TLS handshake is done (before any line of the server's can reach this handler: a
 * listener on the handshake's future may run later, after the server's hello was read and, with
 * nothing to take it, dropped), then the server's hello is answered, answers go to their requests,
 * the server's pings are answered, and everything else is an event. When the server is silent for a
 * while it pings, and closes a link whose ping gets no answer. Event-loop thread only.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<ByteBuf> {
  /** How long the server may take to greet after the TLS handshake. */
  static final Duration GREETING_DEADLINE = Duration.ofSeconds(10);

  private final Consumer<Event> events;
  private final Runnable onClosed;
  private final Duration pingDeadline;
  private final int maxVersion;
  private final CompletableFuture<ServerConnection> ready;
  private final ServerAddress address;
  private final Opener opener;
  private ServerConnection conn;
  // True while a keep-alive ping waits for its pong (event-loop thread only).
  private boolean pinging;
  // Lines read so far: a slow link still carrying data is alive even if the pong is late.
  private long linesRead;

  /** Makes the connection over a channel whose handshake succeeded, or says why it may not. */
  @FunctionalInterface
  interface Opener {
    ServerConnection open(Channel ch) throws Exception;
  }

  /**
   * A handler that completes {@code ready} once the server at {@code address}, with a certificate
   * {@code opener} accepts, greeted and took the hello, or fails it with why not.
   */
  ConnectionHandler(
      Consumer<Event> events,
      Runnable onClosed,
      Duration pingDeadline,
      int maxVersion,
      CompletableFuture<ServerConnection> ready,
      ServerAddress address,
      Opener opener) {
    this.events = events;
    this.onClosed = onClosed;
    this.pingDeadline = pingDeadline;
    this.maxVersion = maxVersion;
    this.ready = ready;
    this.address = address;
    this.opener = opener;
  }

  private void handshakeDone(ChannelHandlerContext ctx, SslHandshakeCompletionEvent hs) {
    if (!hs.isSuccess()) {
      fail(ctx, new IOException("TLS 1.3 handshake with " + address + " failed", hs.cause()));
      return;
    }
    try {
      conn = opener.open(ctx.channel());
    } catch (Exception untrusted) {
      fail(ctx, untrusted);
      return;
    }
    // A server that took the handshake and never greets would leave the opening waiting forever.
    ScheduledFuture<?> deadline =
        ctx.executor()
            .schedule(
                () ->
                    fail(
                        ctx,
                        new IOException(
                            address
                                + " did not greet within "
                                + GREETING_DEADLINE.toSeconds()
                                + " s of the TLS handshake: is it a Parley server?")),
                GREETING_DEADLINE.toMillis(),
                TimeUnit.MILLISECONDS);
    ready.whenComplete((c, e) -> deadline.cancel(false));
  }

  private void fail(ChannelHandlerContext ctx, Throwable why) {
    if (ready.completeExceptionally(why)) {
      ctx.close();
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
    linesRead++;
    if (conn == null) {
      return; // a refused certificate: the connection is closing, and nothing of it is read
    }
    if (conn.serverHello != null) {
      // The most frequent frame, read without a JSON tree when written as the server writes it.
      MessageEvent m = MessageLine.read(line);
      if (m != null) {
        events.accept(m);
        return;
      }
    }
    JsonObject f;
    try {
      // The same strict parser as the server's: malformed UTF-8, duplicate keys and broken
      // surrogates make a frame unreadable, and an unreadable frame is ignored.
      f = Json.parseUtf8(line);
    } catch (ProtocolException e) {
      return;
    }
    String type =
        f.has("type") && f.get("type").isJsonPrimitive() ? f.get("type").getAsString() : "";
    if (conn.serverHello == null) {
      try {
        conn.serverHello = ServerFrames.hello(f);
      } catch (RuntimeException refused) {
        fail(ctx, refused);
        return;
      }
      String software = BuildInfo.NAME + " " + BuildInfo.version();
      // The server's hello names the newest version it speaks; an older one than this client's
      // oldest is refused by the server with a clear unsupported_version.
      conn.version = Math.min(maxVersion, conn.serverHello.version());
      conn.send(id -> new HelloRequest(id, conn.version, software), HelloOk.class)
          .whenComplete(
              (ok, err) -> {
                if (err != null) {
                  fail(ctx, err);
                } else {
                  ready.complete(conn);
                }
              });
      return;
    }
    if (f.has("re")) {
      conn.onFrame(f);
    } else if (type.equals(FrameType.PING)) {
      ctx.writeAndFlush(FrameCodec.toJson(new Pong(null)));
    } else {
      Event e = ServerFrames.event(f);
      if (e != null) {
        events.accept(e);
      }
    }
  }

  /**
   * The server has been silent for a while: ask it. Any answer proves the link; none within the
   * deadline means packets no longer arrive (an address lost, a cable pulled, a sleeping laptop),
   * and only closing the connection lets the client reconnect.
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent hs) {
      handshakeDone(ctx, hs);
      return;
    }
    if (!(evt instanceof IdleStateEvent) || conn == null || conn.serverHello == null || pinging) {
      return;
    }
    pinging = true;
    long readBefore = linesRead;
    conn.send(PingRequest::new, Pong.class, pingDeadline)
        .whenComplete(
            (pong, err) ->
                ctx.executor()
                    .execute(
                        () -> {
                          pinging = false;
                          // An error answer (even rate_limited) is an answer, and any line
                          // that came meanwhile shows the link works.
                          if (err instanceof TimeoutException
                              && linesRead == readBefore
                              && ctx.channel().isActive()) {
                            ctx.close();
                          }
                        }));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (conn != null) {
      conn.failAll(new IOException("connection lost"));
    }
    if (ready.completeExceptionally(new IOException("the server closed the connection"))) {
      return; // it never opened: whoever waits on the opening hears it there
    }
    if (!ready.isCompletedExceptionally()) {
      onClosed.run();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
