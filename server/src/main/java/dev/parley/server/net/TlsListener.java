package dev.parley.server.net;

import dev.parley.protocol.Limits;
import dev.parley.protocol.frame.FrameLineEncoder;
import dev.parley.server.accounts.PasswordHasher;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.relay.RelayEngine;
import dev.parley.server.session.SessionRegistry;
import dev.parley.server.store.ServerStore;
import dev.parley.server.tls.ServerIdentity;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The Netty side of the server: TLS 1.3, line framing, limits, and one handler per client. */
public final class TlsListener implements AutoCloseable {
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(TlsListener.class.getName());
  private static final FrameLineEncoder ENCODER = new FrameLineEncoder();

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ChannelGroup channels;
  private final Channel listener;

  private TlsListener(
      EventLoopGroup boss, EventLoopGroup workers, ChannelGroup channels, Channel listener) {
    this.boss = boss;
    this.workers = workers;
    this.channels = channels;
    this.listener = listener;
  }

  /** Binds and starts serving. */
  public static TlsListener start(
      ServerConfig config,
      ServerIdentity identity,
      ServerStore store,
      RelayEngine relay,
      PasswordHasher hasher,
      SessionRegistry registry)
      throws IOException {
    SslProvider provider = provider();
    LOG.info(
        "TLS 1.3 by "
            + (provider == SslProvider.OPENSSL ? OpenSsl.versionString() : "the JDK")
            + (provider == SslProvider.OPENSSL ? "" : " (BoringSSL is not available here)"));
    SslContext ssl =
        SslContextBuilder.forServer(identity.privateKey(), identity.certificate())
            .sslProvider(provider)
            .protocols("TLSv1.3")
            .build();
    Services services = Services.create(config, store, relay, hasher, registry);
    WriterGate gate = WriterGate.over(store.database(), config);
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    // One network thread per core (Netty's default is two): they never block, and on a small
    // server a second one per core only adds switches between threads.
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(
            Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory());
    ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(
                    Limits.OUTBOUND_LOW_WATER_MARK, Limits.OUTBOUND_HIGH_WATER_MARK))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    channels.add(ch);
                    long idle = config.idleTimeout().toMillis();
                    ChannelPipeline p = ch.pipeline();
                    SslHandler tls = ssl.newHandler(ch.alloc());
                    // A peer that does not read must not hold a closing connection open.
                    tls.setCloseNotifyFlushTimeoutMillis(Limits.CLOSE_GRACE_MILLIS);
                    p.addLast("tls", tls);
                    p.addLast("flush", new FlushConsolidationHandler(256, true));
                    p.addLast("idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
                    p.addLast("lines", new PausingLineDecoder(config.maxFrameBytes(), gate));
                    p.addLast("json", ENCODER);
                    p.addLast("client", new ClientConnection(services));
                  }
                });
    try {
      Channel ch =
          b.bind(new InetSocketAddress(config.bindAddress(), config.port())).sync().channel();
      return new TlsListener(boss, workers, channels, ch);
    } catch (Exception e) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IOException(
          "cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * BoringSSL (netty-tcnative) where its native library loads, else the JDK's TLS: the same TLS 1.3
   * with several times less CPU per record (docs/decisions/0013).
   */
  static SslProvider provider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  /** The port actually bound (useful when 0 was asked for). */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Stops accepting, closes every connection and stops the network threads. */
  @Override
  public void close() {
    listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
