package dev.parley.client.net;

import com.google.gson.JsonObject;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.MalformedServerFrameException;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerErrorException;
import dev.parley.client.api.ServerTrustException;
import dev.parley.protocol.CertificateFingerprint;
import dev.parley.protocol.JsonLineEncoder;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.protocol.frame.Answer;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.FrameLineEncoder;
import dev.parley.protocol.frame.InvalidFrameException;
import dev.parley.protocol.frame.MessageRef;
import dev.parley.protocol.frame.Request;
import dev.parley.protocol.frame.ServerHello;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * One TLS 1.3 connection to a server: pins the certificate fingerprint before anything is sent,
 * exchanges {@code hello}, then matches answers to requests by id and passes events on. Requests
 * are typed ({@link #send}): each answer is decoded by {@link FrameCodec} as strictly as the server
 * decodes requests, and a malformed one fails its request with {@link
 * MalformedServerFrameException}. Netty threads call {@code events} and {@code onClosed}; callers
 * hop to their own thread.
 */
public final class ServerConnection implements AutoCloseable {
  /** How long a request may wait for its answer. */
  public static final long REQUEST_TIMEOUT_SECONDS = 60;

  private static final long CLOSE_NOTIFY_MILLIS = 500;
  private static final SslContext TLS = tls();
  private static final FrameLineEncoder FRAMES = new FrameLineEncoder();
  // Every request's deadline, on one wheel: a scheduled executor (CompletableFuture.orTimeout)
  // takes a lock to add and to cancel each one, a tenth of a busy client's time.
  private static final HashedWheelTimer TIMEOUTS =
      new HashedWheelTimer(
          new DefaultThreadFactory("parley-request-timeouts", true), 100, TimeUnit.MILLISECONDS);

  private final Channel channel;
  private final String fingerprint;
  // The answer frames (ok or error) awaited, by request id.
  private final Map<String, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  // Set once, by the handler, when the server's hello was read.
  volatile ServerHello serverHello;
  // Set once, by the handler, before the hello is sent: the version this connection speaks.
  volatile int version;
  private volatile Confirmations confirmations;

  private ServerConnection(Channel channel, String fingerprint) {
    this.channel = channel;
    this.fingerprint = fingerprint;
  }

  /**
   * BoringSSL where netty-tcnative is on the class path (the app has it for its embedded server),
   * as on the server, else the JDK's: the same TLS 1.3 at a fraction of the JDK's CPU per record.
   */
  public static SslProvider tlsProvider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  private static SslContext tls() {
    try {
      // Certificates are not validated against CAs: the fingerprint is pinned instead (TOFU).
      return SslContextBuilder.forClient()
          .sslProvider(tlsProvider())
          .protocols("TLSv1.3")
          .trustManager(InsecureTrustManagerFactory.INSTANCE)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS 1.3 is not available", e);
    }
  }

  /** Like the full {@link #open}: any known server, the default keep-alive. */
  public static CompletableFuture<ServerConnection> open(
      ServerAddress address,
      KnownServers known,
      EventLoopGroup group,
      Consumer<Event> events,
      Runnable onClosed) {
    return open(address, known, group, events, onClosed, ProtocolInfo.VERSION);
  }

  /**
   * Like the full {@link #open}: any known server, the default keep-alive, speaking at most
   * protocol {@code maxVersion} (the load generator measures version 1 clients with it).
   */
  public static CompletableFuture<ServerConnection> open(
      ServerAddress address,
      KnownServers known,
      EventLoopGroup group,
      Consumer<Event> events,
      Runnable onClosed,
      int maxVersion) {
    return open(
        address,
        known,
        group,
        events,
        onClosed,
        null,
        ClientConfig.DEFAULT_PING_AFTER,
        ClientConfig.DEFAULT_PING_DEADLINE,
        maxVersion);
  }

  /**
   * Connects, verifies the fingerprint and says hello. Fails with {@link ServerTrustException},
   * having sent nothing, unless the certificate is a known server's (at any address) or, when
   * {@code required} is not null, exactly that one (see {@link #untrusted}). Once open, after
   * {@code pingAfter} without a frame from the server it sends a {@code ping} with an id; when no
   * {@code pong} comes within {@code pingDeadline} the link is dead (a lost route does not close a
   * TCP connection by itself) and the connection is closed, so {@code onClosed} runs. It speaks the
   * newest protocol version both it (up to {@code maxVersion}) and the server speak.
   */
  public static CompletableFuture<ServerConnection> open(
      ServerAddress address,
      KnownServers known,
      EventLoopGroup group,
      Consumer<Event> events,
      Runnable onClosed,
      String required,
      Duration pingAfter,
      Duration pingDeadline,
      int maxVersion) {
    CompletableFuture<ServerConnection> ready = new CompletableFuture<>();
    ConnectionHandler handler =
        new ConnectionHandler(
            events,
            onClosed,
            pingDeadline,
            maxVersion,
            ready,
            address,
            ch -> trusted(ch, address, known, required));
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    SslHandler tls = TLS.newHandler(ch.alloc(), address.host(), address.port());
                    // A dead link cannot take a close_notify: do not wait long for it.
                    tls.setCloseNotifyFlushTimeoutMillis(CLOSE_NOTIFY_MILLIS);
                    ch.pipeline()
                        .addLast("tls", tls)
                        // A batch of sends or acks is written as many frames from the client
                        // thread: flushed together, they go as a few TLS records, not one each.
                        .addLast("flush", new FlushConsolidationHandler(256, true))
                        .addLast(
                            "idle",
                            new IdleStateHandler(pingAfter.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                        .addLast(
                            "lines",
                            new LineBasedFrameDecoder(Limits.CLIENT_MAX_FRAME_BYTES, true, true))
                        .addLast("json", new JsonLineEncoder())
                        .addLast("frames", FRAMES)
                        .addLast("client", handler);
                  }
                });
    b.connect(address.host(), address.port())
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                ready.completeExceptionally(
                    new IOException(
                        "Cannot reach " + address + ": " + f.cause().getMessage(), f.cause()));
              }
            });
    return ready;
  }

  /**
   * The connection over {@code ch}, whose TLS handshake just succeeded, when its certificate is
   * trusted (see {@link #untrusted}); else throws the reason.
   */
  private static ServerConnection trusted(
      Channel ch, ServerAddress address, KnownServers known, String required)
      throws ServerTrustException,
          java.security.cert.CertificateEncodingException,
          javax.net.ssl.SSLPeerUnverifiedException {
    SslHandler ssl = ch.pipeline().get(SslHandler.class);
    Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
    String presented = CertificateFingerprint.of(chain[0].getEncoded());
    ServerTrustException untrusted = untrusted(address, known, required, presented);
    if (untrusted != null) {
      throw untrusted;
    }
    return new ServerConnection(ch, presented);
  }

  /**
   * Why {@code presented} is not trusted at {@code address}, or null when it is: a known server's
   * certificate is trusted at any address (its private key is the server's identity), unless the
   * connection must reach {@code required} (the server the account open is on). An unknown one is a
   * first contact, or a changed certificate when the address belonged to a known server.
   */
  static ServerTrustException untrusted(
      ServerAddress address, KnownServers known, String required, String presented) {
    // One look at the known servers: another connection may trust this server meanwhile, and
    // reading "unknown" before that and "pinned here" after it would report a change to itself.
    synchronized (known) {
      return untrustedNow(address, known, required, presented);
    }
  }

  private static ServerTrustException untrustedNow(
      ServerAddress address, KnownServers known, String required, String presented) {
    if (required != null) {
      if (presented.equals(required)) {
        return null;
      }
      Optional<KnownServer> other = known.server(presented);
      return other.isEmpty()
          ? new ServerTrustException(address, required, presented)
          : new ServerTrustException(
              address,
              required,
              presented,
              address
                  + " is now another server you trust"
                  + (other.get().name().isEmpty() ? "" : ", \u201c" + other.get().name() + "\u201d")
                  + ", not the one you are logged in to. Connect to it and log in there to use"
                  + " it.");
    }
    if (known.isKnown(presented)) {
      return null;
    }
    return new ServerTrustException(address, known.pinned(address).orElse(null), presented);
  }

  /** The fingerprint of the certificate this connection verified. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The server's {@code hello} (version, software, name). */
  public ServerHello serverHello() {
    return serverHello;
  }

  /** The protocol version this connection speaks, agreed in its hello. */
  public int version() {
    return version;
  }

  /**
   * Acknowledges the message {@code m}, stored by this client, together with the others of this
   * moment; nothing is awaited (a lost ack only means the message comes again).
   */
  public void acknowledge(MessageRef m) {
    confirmations().ack(m);
  }

  /** Confirms receipt {@code rid}, together with the others of this moment; nothing is awaited. */
  public void confirmReceipt(long rid) {
    confirmations().receipt(rid);
  }

  private Confirmations confirmations() {
    Confirmations c = confirmations;
    if (c == null) {
      synchronized (this) {
        if (confirmations == null) {
          confirmations = new Confirmations(channel, version, this::nextId);
        }
        c = confirmations;
      }
    }
    return c;
  }

  /** True while the connection is open. */
  public boolean isOpen() {
    return channel.isActive();
  }

  /**
   * Sends the request {@code build} makes with the id this connection chose; completes with its
   * answer of type {@code answer}, a {@link ServerErrorException} for an {@code error} (also when
   * the request breaks a rule and so was never sent), or a {@link MalformedServerFrameException}.
   */
  public <A extends Answer> CompletableFuture<A> send(
      Function<String, Request> build, Class<A> answer) {
    return send(build, answer, Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS));
  }

  <A extends Answer> CompletableFuture<A> send(
      Function<String, Request> build, Class<A> answer, Duration timeout) {
    String id = nextId();
    Request request;
    try {
      request = build.apply(id);
    } catch (InvalidFrameException e) {
      return CompletableFuture.failedFuture(ServerErrorException.of(e.problem()));
    }
    return ServerFrames.answered(exchange(id, request, timeout), request.type(), answer);
  }

  private String nextId() {
    return Long.toString(ids.incrementAndGet());
  }

  /** Writes {@code frame} (whose id is {@code id}); completes with the answer frame. */
  private CompletableFuture<JsonObject> exchange(String id, Request frame, Duration timeout) {
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    Timeout late =
        TIMEOUTS.newTimeout(
            t -> answer.completeExceptionally(new TimeoutException()),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    answer.whenComplete(
        (r, e) -> {
          pending.remove(id);
          late.cancel();
        });
    channel
        .writeAndFlush(frame)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                answer.completeExceptionally(new IOException("connection lost", f.cause()));
              }
            });
    return answer;
  }

  /** Closes the connection; pending requests fail. */
  @Override
  public void close() {
    channel.close();
  }

  void onFrame(JsonObject f) {
    String re = f.has("re") && f.get("re").isJsonPrimitive() ? f.get("re").getAsString() : null;
    if (re != null) {
      CompletableFuture<JsonObject> answer = pending.remove(re);
      if (answer != null) {
        answer.complete(f);
      }
    }
  }

  void failAll(Throwable cause) {
    pending.values().forEach(p -> p.completeExceptionally(cause));
    pending.clear();
  }
}
