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
import dev.parley.server.RemoteAddress;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
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
 *
 * <p>Every frame the server sends leaves through {@link #emit}, which closes the connection at once
 * when its unsent data passes {@code maxOutboundBytes}; while it is over the high water mark,
 * {@link PausingLineDecoder} reads no further requests from it, deliveries pause, and droppable
 * events are dropped.
 */
final class ClientConnection extends SimpleChannelInboundHandler<ByteBuf> {
  private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());

  /**
   * How long a closing connection's last error frame (and TLS close) may take to leave before the
   * connection is cut anyway: a peer that does not read must not keep it open.
   */
  static final long CLOSE_GRACE_MILLIS = 2_000;

  private final ServerContext server;
  private final RequestHandler requests;
  private Channel channel;
  private String remote = "?";
  private RemoteAddress origin = RemoteAddress.UNKNOWN;
  private ConnectionSlots.Slot slot;
  private boolean closing;
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
    InetAddress address = null;
    if (channel.remoteAddress() instanceof InetSocketAddress a) {
      address = a.getAddress();
      origin = RemoteAddress.of(address);
      remote = origin.address();
    }
    bucket =
        new TokenBucket(
            server.config().requestsPerSecond(), server.config().requestBurst(), System.nanoTime());
    slot = server.slots().admit(address);
    if (slot.refusal() != null) {
      int refused = server.slots().refusalsToLog(System.nanoTime());
      if (refused > 0) {
        LOG.warning(
            "connection from "
                + remote
                + " refused: "
                + reason(slot.refusal())
                + (refused > 1
                    ? " (" + (refused - 1) + " more refused since the last report)"
                    : ""));
      }
      closeWithError(null, new ProtocolException(ErrorCode.SERVER_BUSY, "Too many connections."));
      return;
    }
    startLoginTimer();
  }

  private static String reason(ConnectionSlots.Refusal refusal) {
    return switch (refusal) {
      case FULL -> "at the connection limit";
      case ANONYMOUS_FULL -> "the connections not logged in have used all slots they may";
      case ADDRESS_FULL -> "too many connections not logged in from this address";
      case PREFIX_FULL -> "too many connections not logged in from this address's IPv6 /64";
    };
  }

  /** Closes the connection unless it logs in within the login timeout (again after a logout). */
  private void startLoginTimer() {
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    loginTimer =
        channel
            .eventLoop()
            .schedule(
                () -> {
                  if (user == null && channel.isActive()) {
                    if (!tlsUp) {
                      // No error frame can be sent before the handshake: hang up at once.
                      LOG.info("closing " + remote + ": no TLS handshake within the login timeout");
                      abort();
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
    closing = true;
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    endSession();
    if (slot != null) {
      slot.release();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent hs) {
      tlsUp = hs.isSuccess();
      if (hs.isSuccess()) {
        JsonObject hello = Frames.of(FrameType.HELLO);
        hello.addProperty("version", ProtocolInfo.VERSION);
        hello.addProperty("software", BuildInfo.NAME + " server " + BuildInfo.version());
        hello.addProperty("name", server.config().name());
        emit(hello, true); // not for a refused connection: it is closing
      } else {
        channel.close();
      }
    } else if (evt instanceof IdleStateEvent) {
      idleStrikes++;
      if (idleStrikes == 1) {
        emit(Frames.of(FrameType.PING), true);
      } else {
        LOG.info("closing " + describe() + ": idle");
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

  /**
   * One line from the peer. The checks run in this order, and the first that fails answers (see
   * docs/PROTOCOL.md §2): the rate limit, counted for every line before anything else (a peer far
   * over it is disconnected; a refused line is answered {@code rate_limited}, with {@code re} when
   * the line is a frame with a valid {@code id}); UTF-8 and strict JSON; the {@code id} (present
   * but invalid: {@code bad_request} without {@code re}); the {@code type}; hello first; an id for
   * every request but {@code ping}.
   */
  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
    if (closing) {
      return;
    }
    idleStrikes = 0;
    long wait = bucket.take(System.nanoTime());
    if (bucket.overdrawn()) {
      LOG.info("closing " + describe() + ": it kept sending far beyond the rate limit");
      closeWithError(
          null,
          new ProtocolException(
              ErrorCode.RATE_LIMITED, "Far too many requests; disconnected.", List.of(), wait));
      return;
    }
    String id = null;
    try {
      JsonObject frame = Json.parseUtf8(line.nioBuffer());
      id = Fields.optString(frame, "id", 64);
      String type = Fields.string(frame, "type", 32);
      if (type.equals(FrameType.PONG)) {
        return; // never answered, not even when over the rate limit
      }
      if (wait > 0) {
        throw rateLimited(wait);
      }
      if (!helloDone && !type.equals(FrameType.HELLO)) {
        throw ProtocolException.badRequest("Send hello first.");
      }
      if (id == null && !type.equals(FrameType.PING)) {
        throw ProtocolException.badRequest("Requests need an 'id'.");
      }
      requests.handle(type, id, frame);
    } catch (ProtocolException e) {
      send(Frames.error(id, wait > 0 ? rateLimited(wait) : e));
    }
  }

  private static ProtocolException rateLimited(long waitMillis) {
    return new ProtocolException(
        ErrorCode.RATE_LIMITED, "Too many requests.", List.of(), waitMillis);
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

  /** The address keys this connection's per-address limits count under. */
  RemoteAddress origin() {
    return origin;
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
    slot.loggedIn();
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
    slot.loggedOut();
    if (!closing && channel.isActive()) {
      startLoginTimer(); // logged out but still connected: a not-logged-in connection again
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
    emit(f, false);
  }

  private void writeReceipt(Receipt r) {
    JsonObject f = Frames.of(FrameType.RECEIPT);
    f.addProperty("rid", r.rid());
    f.addProperty("to", r.peer());
    f.addProperty("msgId", r.msgId());
    f.addProperty("status", r.status());
    f.addProperty("at", r.at());
    emit(f, false);
  }

  // ---- output ----------------------------------------------------------------------------

  /** Sends an event; a droppable one is skipped while the client is not reading. Thread-safe. */
  void sendEvent(JsonObject frame, boolean droppable) {
    onLoop(
        () -> {
          if (droppable && !channel.isWritable()) {
            return;
          }
          emit(frame, true);
        });
  }

  /** Sends an answer or event now; on the event loop. */
  void send(JsonObject frame) {
    emit(frame, true);
  }

  void flush() {
    channel.flush();
  }

  boolean isWritable() {
    return channel.isWritable();
  }

  /**
   * The one way out for every frame: writes it (and flushes when asked), then closes the connection
   * at once if its unsent data is now over the bound. Nothing is written once the connection is
   * closing.
   */
  private void emit(JsonObject frame, boolean flush) {
    if (closing) {
      return;
    }
    if (flush) {
      channel.writeAndFlush(frame);
    } else {
      channel.write(frame);
    }
    if (!channel.isWritable() && unsentBytes() > server.config().maxOutboundBytes()) {
      LOG.info(
          "closing "
              + describe()
              + ": it stopped reading (over "
              + server.config().maxOutboundBytes()
              + " bytes unsent)");
      abort();
    }
  }

  /** Bytes written but not yet taken by the socket (what the water marks are compared with). */
  private long unsentBytes() {
    ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
    return out == null ? 0 : out.totalPendingWriteBytes();
  }

  /**
   * Sends {@code e} and closes: at once when the peer is not reading (the frame would never leave),
   * else as soon as the frame has left, and after {@link #CLOSE_GRACE_MILLIS} at the latest. Later
   * frames, and lines still arriving, are dropped.
   */
  void closeWithError(String re, ProtocolException e) {
    if (closing) {
      return;
    }
    if (!channel.isWritable()) {
      abort();
      return;
    }
    closing = true;
    if (tlsUp) {
      channel.config().setAutoRead(false); // (before the handshake, TLS still needs to read)
    }
    channel.writeAndFlush(Frames.error(re, e)).addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(this::abort, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Closes now, discarding whatever is unsent. The close starts below the TLS handler, which would
   * otherwise try to send its close_notify first and wait for it.
   */
  private void abort() {
    closing = true;
    if (channel.isOpen()) {
      channel.pipeline().firstContext().close();
    }
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
    abort();
  }

  boolean isActive() {
    return channel.isActive();
  }

  String describe() {
    return (user == null ? "" : user + "@") + remote;
  }
}
