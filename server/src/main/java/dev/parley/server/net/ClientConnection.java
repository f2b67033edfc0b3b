package dev.parley.server.net;

import com.google.gson.JsonObject;
import dev.parley.platform.BuildInfo;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * One client's connection: its protocol state (hello, login), request dispatch and the streams of
 * stored messages and receipts. All state is touched only on the channel's event loop; work on
 * other threads (database, bcrypt) hops back with {@link #onLoop}.
 */
final class ClientConnection extends SimpleChannelInboundHandler<String> {
  private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());
  // Beyond this much unsent data a client that does not read is disconnected.
  private static final long HARD_OUTBOUND_LIMIT = 4L << 20;

  private final ServerContext server;
  private final RequestHandler requests;
  private Channel channel;
  private String remote = "?";
  private boolean counted;
  private boolean refused;
  private boolean tlsUp;
  private boolean helloDone;
  private boolean authInFlight;
  private String user;
  private TokenBucket bucket;
  private int idleStrikes;
  private ScheduledFuture<?> loginTimer;
  private Drain<QueuedMessage> messages;
  private Drain<Receipt> receipts;

  ClientConnection(ServerContext server) {
    this.server = server;
    this.requests = new RequestHandler(server, this);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    if (channel.remoteAddress() instanceof InetSocketAddress a) {
      remote = a.getAddress().getHostAddress();
    }
    bucket =
        new TokenBucket(
            server.config().requestsPerSecond(), server.config().requestBurst(), System.nanoTime());
    counted = true;
    if (server.connections().incrementAndGet() > server.config().maxConnections()) {
      LOG.warning("connection from " + remote + " refused: at the connection limit");
      refused = true;
      closeWithError(null, new ProtocolException(ErrorCode.SERVER_BUSY, "Too many connections."));
      return;
    }
    loginTimer =
        channel
            .eventLoop()
            .schedule(
                () -> {
                  if (user == null && channel.isActive()) {
                    if (!tlsUp) {
                      // No error frame can be sent before the handshake (it would wait for it,
                      // and so would the close): hang up at once.
                      LOG.info("closing " + remote + ": no TLS handshake within the login timeout");
                      channel.close();
                      return;
                    }
                    closeWithError(
                        null,
                        new ProtocolException(ErrorCode.TIMEOUT, "Log in within the time limit."));
                  }
                },
                server.config().loginTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (counted) {
      server.connections().decrementAndGet();
    }
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    endSession();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent hs) {
      tlsUp = hs.isSuccess();
      if (hs.isSuccess() && !refused) {
        JsonObject hello = Frames.of(FrameType.HELLO);
        hello.addProperty("version", ProtocolInfo.VERSION);
        hello.addProperty("software", BuildInfo.NAME + " server " + BuildInfo.version());
        hello.addProperty("name", server.config().name());
        channel.writeAndFlush(hello);
      } else if (!hs.isSuccess()) {
        channel.close();
      }
    } else if (evt instanceof IdleStateEvent) {
      idleStrikes++;
      if (idleStrikes == 1) {
        channel.writeAndFlush(Frames.of(FrameType.PING));
      } else {
        closeWithError(null, new ProtocolException(ErrorCode.TIMEOUT, "The connection was idle."));
      }
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (channel.isWritable()) {
      if (messages != null) {
        messages.onWritable();
      }
      if (receipts != null) {
        receipts.onWritable();
      }
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root = cause.getCause() != null ? cause.getCause() : cause;
    if (cause instanceof TooLongFrameException || root instanceof TooLongFrameException) {
      LOG.info("closing " + remote + ": frame larger than " + server.config().maxFrameBytes());
      closeWithError(
          null,
          new ProtocolException(
              ErrorCode.TOO_LARGE,
              "Frames are limited to " + server.config().maxFrameBytes() + " bytes."));
    } else if (root instanceof SSLException || root instanceof java.io.IOException) {
      channel.close();
    } else {
      LOG.log(Level.WARNING, "unexpected error on the connection from " + remote, cause);
      closeWithInternalError();
    }
  }

  // ---- requests --------------------------------------------------------------------------

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, String line) {
    idleStrikes = 0;
    if (!channel.isActive()) {
      return;
    }
    String id = null;
    try {
      JsonObject frame = Json.parseObject(line);
      id = requestId(frame);
      String type = Fields.string(frame, "type", 32);
      if (type.equals(FrameType.PONG)) {
        return;
      }
      long wait = bucket.take(System.nanoTime());
      if (wait > 0) {
        throw new ProtocolException(
            ErrorCode.RATE_LIMITED, "Too many requests.", java.util.List.of(), wait);
      }
      if (!helloDone && !type.equals(FrameType.HELLO)) {
        throw ProtocolException.badRequest("Send hello first.");
      }
      if (id == null && !type.equals(FrameType.PING)) {
        throw ProtocolException.badRequest("Requests need an 'id'.");
      }
      requests.handle(type, id, frame);
    } catch (ProtocolException e) {
      send(Frames.error(id, e));
    }
  }

  private static String requestId(JsonObject frame) {
    try {
      return Fields.optString(frame, "id", 64);
    } catch (ProtocolException e) {
      return null; // reported by the type/id checks with no 're'
    }
  }

  /** Sends the body (or error) of {@code answer} as the answer to request {@code id}. */
  void respond(String id, CompletableFuture<JsonObject> answer) {
    answer.whenComplete(
        (body, err) ->
            onLoop(
                () -> {
                  if (err == null) {
                    JsonObject ok = Frames.ok(id);
                    body.entrySet().forEach(e -> ok.add(e.getKey(), e.getValue()));
                    send(ok);
                    return;
                  }
                  Throwable cause =
                      err instanceof CompletionException && err.getCause() != null
                          ? err.getCause()
                          : err;
                  if (cause instanceof ProtocolException pe) {
                    send(Frames.error(id, pe));
                  } else {
                    LOG.log(Level.WARNING, "request failed for " + describe(), cause);
                    send(
                        Frames.error(
                            id,
                            new ProtocolException(
                                ErrorCode.INTERNAL, "The server failed; try again.")));
                  }
                }));
  }

  // ---- session ---------------------------------------------------------------------------

  boolean helloDone() {
    return helloDone;
  }

  void markHelloDone() {
    helloDone = true;
  }

  String user() {
    return user;
  }

  String remote() {
    return remote;
  }

  boolean authInFlight() {
    return authInFlight;
  }

  void setAuthInFlight(boolean v) {
    authInFlight = v;
  }

  /** Makes this connection the session of {@code name}; runs on the event loop. */
  void beginSession(String name) {
    user = name;
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    server
        .registry()
        .login(name, this)
        .ifPresent(
            old ->
                old.onLoop(
                    () ->
                        old.closeWithError(
                            null,
                            new ProtocolException(
                                ErrorCode.SESSION_REPLACED,
                                "This account logged in from somewhere else."))));
    messages =
        new Drain<>(
            this,
            (cursor, limit) -> server.store().pending(name, cursor, limit),
            QueuedMessage::seq,
            this::writeMessage);
    receipts =
        new Drain<>(
            this,
            (cursor, limit) -> server.store().pendingReceipts(name, cursor, limit),
            Receipt::rid,
            this::writeReceipt);
    messages.start();
    receipts.start();
    requests.announcePresence(name, true);
    requests.checkPrekeys(name);
  }

  /** Ends the logged-in session (logout or disconnect). */
  void endSession() {
    if (user == null) {
      return;
    }
    String name = user;
    user = null;
    if (messages != null) {
      messages.stop();
      receipts.stop();
      messages = null;
      receipts = null;
    }
    if (server.registry().logout(name, this)) {
      requests.announcePresence(name, false);
    }
  }

  /** A message committed for this connection's user. Thread-safe. */
  void deliver(QueuedMessage m) {
    onLoop(
        () -> {
          if (messages != null && m.recipient().equals(user)) {
            messages.offer(m);
          }
        });
  }

  /** A receipt committed for this connection's user. Thread-safe. */
  void deliver(Receipt r) {
    onLoop(
        () -> {
          if (receipts != null && r.owner().equals(user)) {
            receipts.offer(r);
          }
        });
  }

  private void writeMessage(QueuedMessage m) {
    JsonObject f = Frames.of(FrameType.MESSAGE);
    f.addProperty("from", m.sender());
    f.addProperty("msgId", m.msgId());
    f.addProperty("envelope", Fields.base64(m.envelope()));
    f.addProperty("sentAt", m.sentAt());
    channel.write(f);
  }

  private void writeReceipt(Receipt r) {
    JsonObject f = Frames.of(FrameType.RECEIPT);
    f.addProperty("rid", r.rid());
    f.addProperty("to", r.peer());
    f.addProperty("msgId", r.msgId());
    f.addProperty("status", r.status());
    f.addProperty("at", r.at());
    channel.write(f);
  }

  // ---- output ----------------------------------------------------------------------------

  /** Sends an event; a droppable one is skipped while the client is not reading. Thread-safe. */
  void sendEvent(JsonObject frame, boolean droppable) {
    onLoop(
        () -> {
          if (!channel.isWritable()) {
            if (droppable) {
              return;
            }
            if (channel.bytesBeforeWritable() > HARD_OUTBOUND_LIMIT) {
              LOG.info("closing " + describe() + ": it stopped reading");
              channel.close();
              return;
            }
          }
          channel.writeAndFlush(frame);
        });
  }

  void send(JsonObject frame) {
    channel.writeAndFlush(frame);
  }

  void flush() {
    channel.flush();
  }

  boolean isWritable() {
    return channel.isWritable();
  }

  void closeWithError(String re, ProtocolException e) {
    channel.writeAndFlush(Frames.error(re, e)).addListener(ChannelFutureListener.CLOSE);
  }

  void closeWithInternalError() {
    closeWithError(null, new ProtocolException(ErrorCode.INTERNAL, "The server failed."));
  }

  /** Runs {@code r} on this connection's event loop. */
  void onLoop(Runnable r) {
    if (channel.eventLoop().inEventLoop()) {
      r.run();
    } else {
      channel.eventLoop().execute(r);
    }
  }

  /** Runs {@code r} on the event loop after {@code delayMillis}. */
  void later(long delayMillis, Runnable r) {
    channel.eventLoop().schedule(r, delayMillis, TimeUnit.MILLISECONDS);
  }

  void close() {
    channel.close();
  }

  boolean isActive() {
    return channel.isActive();
  }

  String describe() {
    return (user == null ? "" : user + "@") + remote;
  }
}
