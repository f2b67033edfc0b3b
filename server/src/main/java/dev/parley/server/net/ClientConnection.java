package dev.parley.server.net;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.platform.BuildInfo;
import dev.parley.platform.Futures;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Json;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.protocol.frame.AckReceiptRequest;
import dev.parley.protocol.frame.AckRequest;
import dev.parley.protocol.frame.Answer;
import dev.parley.protocol.frame.ConfirmationLine;
import dev.parley.protocol.frame.ErrorFrame;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.Frame;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.ReceivedFrame;
import dev.parley.protocol.frame.SendLine;
import dev.parley.protocol.frame.ServerHello;
import dev.parley.protocol.frame.ServerPing;
import dev.parley.server.limits.RemoteAddress;
import dev.parley.server.limits.TokenBucket;
import dev.parley.server.session.Caller;
import dev.parley.server.session.Endpoint;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * One client's connection: its protocol state (hello, login), the checks every line passes before
 * {@link RequestRouter} sees it, and the streams of stored messages and receipts of its session.
 * All state is touched only on the channel's event loop; work on other threads (database, bcrypt)
 * hops back with {@link #onLoop}. What it sends goes through {@link ChannelOutput}.
 */
final class ClientConnection extends SimpleChannelInboundHandler<ByteBuf>
    implements Caller, Endpoint {
  private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());

  private final Services server;
  private Channel channel;
  private ChannelOutput output;
  private LoginTimer loginTimer;
  private String remote = "?";
  private RemoteAddress origin = RemoteAddress.UNKNOWN;
  private ConnectionSlots.Slot slot;
  private boolean helloDone;
  private int version;
  private boolean authInFlight;
  private String user;
  private TokenBucket bucket;
  private int idleStrikes;
  private SessionStreams streams;

  ClientConnection(Services server) {
    this.server = server;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    output = new ChannelOutput(channel, server.config().maxOutboundBytes(), this::describe);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetAddress address = null;
    if (channel.remoteAddress() instanceof InetSocketAddress a) {
      address = a.getAddress();
      origin = RemoteAddress.of(address);
      remote = origin.address();
    }
    bucket =
        new TokenBucket(
            server.config().requestsPerSecond(), server.config().requestBurst(), System.nanoTime());
    loginTimer =
        new LoginTimer(channel, output, server.config().loginTimeout(), () -> user != null, remote);
    slot = server.slots().admit(address);
    if (slot.refusal() != null) {
      int refused = server.slots().refusalsToLog(System.nanoTime());
      if (refused > 0) {
        LOG.warning(
            "connection from "
                + remote
                + " refused: "
                + slot.refusal().reason()
                + (refused > 1
                    ? " (" + (refused - 1) + " more refused since the last report)"
                    : ""));
      }
      closeWithError(null, new ProtocolException(ErrorCode.SERVER_BUSY, "Too many connections."));
      return;
    }
    loginTimer.start();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    output.closed();
    if (loginTimer != null) {
      loginTimer.cancel();
    }
    endSession();
    if (slot != null) {
      slot.release();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent hs) {
      output.setTlsUp(hs.isSuccess());
      if (hs.isSuccess()) {
        ServerHello hello =
            new ServerHello(
                ProtocolInfo.VERSION,
                BuildInfo.NAME + " server " + BuildInfo.version(),
                server.config().name());
        output.emit(hello, true); // not for a refused connection: it is closing
      } else {
        channel.close();
      }
    } else if (evt instanceof IdleStateEvent) {
      idleStrikes++;
      if (idleStrikes == 1) {
        output.emit(new ServerPing(), true);
      } else {
        LOG.info("closing " + describe() + ": idle");
        closeWithError(null, new ProtocolException(ErrorCode.TIMEOUT, "The connection was idle."));
      }
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (channel.isWritable() && streams != null) {
      streams.onWritable();
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
      output.closeWithInternalError();
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
    if (output.closing()) {
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
      // A send, ack or ack_receipt as Parley's clients write it is read straight into its
      // request; anything else through the JSON tree, with every rule in its order.
      ReceivedFrame frame = SendLine.read(line);
      if (frame == null) {
        frame = ConfirmationLine.read(line, version);
      }
      if (frame != null) {
        id = frame.id();
      } else {
        JsonObject json = Json.parseUtf8(line);
        // Read first on its own: a frame whose type is broken is still answered with its id.
        id = Fields.optString(json, "id", Limits.MAX_ID_CHARS);
        frame = FrameCodec.readEnvelope(json);
      }
      String type = frame.type();
      if (type.equals(FrameType.PONG)) {
        return; // never answered, not even when over the rate limit
      }
      if (wait == 0) {
        // A version 2 list does the work of one request per element, and pays for it so.
        wait = chargeForList(frame);
      }
      if (wait > 0) {
        throw rateLimited(wait);
      }
      if (!helloDone && !type.equals(FrameType.HELLO)) {
        throw ProtocolException.badRequest("Send hello first.");
      }
      if (id == null && !type.equals(FrameType.PING) && !(version >= 2 && unanswered(type))) {
        throw ProtocolException.badRequest("Requests need an 'id'.");
      }
      server.router().route(this, frame);
    } catch (ProtocolException e) {
      send(ErrorFrame.of(id, wait > 0 ? rateLimited(wait) : e));
    }
  }

  /**
   * Takes a token for every element but the first of a version 2 confirmation list (the line paid
   * for one); the wait when they were not all there, else 0. Without this one line of 256
   * confirmations would buy 256 deletions for the price of one request.
   */
  private long chargeForList(ReceivedFrame frame) {
    if (version < 2) {
      return 0;
    }
    int n = listSize(frame);
    if (n <= 1) {
      return 0;
    }
    int extra = Math.min(n, Limits.MAX_ACKS_PER_FRAME) - 1;
    return bucket.take(System.nanoTime(), extra);
  }

  /** How many elements a confirmation list holds, read directly or not yet; else 0. */
  private static int listSize(ReceivedFrame frame) {
    if (frame.decoded() instanceof AckRequest a) {
      return a.messages().size();
    }
    if (frame.decoded() instanceof AckReceiptRequest a) {
      return a.rids().size();
    }
    if (frame.json() == null) {
      return 0;
    }
    String list =
        frame.type().equals(FrameType.ACK)
            ? "messages"
            : frame.type().equals(FrameType.ACK_RECEIPT) ? "rids" : null;
    JsonElement e = list == null ? null : frame.json().get(list);
    return e == null || !e.isJsonArray() ? 0 : e.getAsJsonArray().size();
  }

  /** The confirmations version 2 lets a client send without an id, and so without an answer. */
  private static boolean unanswered(String type) {
    return type.equals(FrameType.ACK) || type.equals(FrameType.ACK_RECEIPT);
  }

  private static ProtocolException rateLimited(long waitMillis) {
    return new ProtocolException(
        ErrorCode.RATE_LIMITED, "Too many requests.", List.of(), waitMillis);
  }

  @Override
  public void respond(String id, CompletableFuture<? extends Answer> answer) {
    answer.whenComplete(
        (ok, err) ->
            onLoop(
                () -> {
                  if (err == null) {
                    if (id != null) {
                      send(ok);
                    }
                    return;
                  }
                  Throwable cause = Futures.unwrap(err);
                  if (cause instanceof ProtocolException pe) {
                    send(ErrorFrame.of(id, pe));
                  } else {
                    LOG.log(Level.WARNING, "request failed for " + describe(), cause);
                    send(
                        ErrorFrame.of(
                            id,
                            new ProtocolException(
                                ErrorCode.INTERNAL, "The server failed; try again.")));
                  }
                }));
  }

  // ---- session ---------------------------------------------------------------------------

  @Override
  public boolean helloDone() {
    return helloDone;
  }

  @Override
  public void markHelloDone(int version) {
    helloDone = true;
    this.version = version;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public String user() {
    return user;
  }

  @Override
  public String remote() {
    return remote;
  }

  @Override
  public RemoteAddress origin() {
    return origin;
  }

  @Override
  public boolean authInFlight() {
    return authInFlight;
  }

  @Override
  public void setAuthInFlight(boolean inFlight) {
    authInFlight = inFlight;
  }

  @Override
  public void beginSession(String name) {
    user = name;
    slot.loggedIn();
    loginTimer.cancel();
    server.registry().login(name, this).ifPresent(Endpoint::replaced);
    streams = SessionStreams.start(name, server.relay(), output);
    server.presence().announce(name, true);
    server.keys().checkAfterLogin(name, this);
  }

  @Override
  public void endSession() {
    if (user == null) {
      return;
    }
    String name = user;
    user = null;
    if (streams != null) {
      streams.stop();
      streams = null;
    }
    if (server.registry().logout(name, this)) {
      server.presence().announce(name, false);
    }
    slot.loggedOut();
    if (!output.closing() && channel.isActive()) {
      loginTimer.start(); // logged out but still connected: a not-logged-in connection again
    }
  }

  @Override
  public void replaced() {
    onLoop(
        () ->
            closeWithError(
                null,
                new ProtocolException(
                    ErrorCode.SESSION_REPLACED, "This account logged in from somewhere else.")));
  }

  @Override
  public void deliver(QueuedMessage m) {
    onLoop(
        () -> {
          if (streams != null && m.recipient().equals(user)) {
            streams.offer(m);
          }
        });
  }

  @Override
  public void deliver(Receipt r) {
    onLoop(
        () -> {
          if (streams != null && r.owner().equals(user)) {
            streams.offer(r);
          }
        });
  }

  // ---- output ----------------------------------------------------------------------------

  @Override
  public void sendEvent(Event frame, boolean droppable) {
    output.sendEvent(frame, droppable);
  }

  @Override
  public void send(Frame frame) {
    output.emit(frame, true);
  }

  @Override
  public void closeWithError(String re, ProtocolException e) {
    output.closeWithError(re, e);
  }

  @Override
  public void onLoop(Runnable r) {
    output.onLoop(r);
  }

  @Override
  public boolean isActive() {
    return channel.isActive();
  }

  private String describe() {
    return (user == null ? "" : user + "@") + remote;
  }
}
