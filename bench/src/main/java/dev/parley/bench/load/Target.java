package dev.parley.bench.load;

import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerTrustException;
import dev.parley.client.net.KnownServers;
import dev.parley.client.net.ServerConnection;
import dev.parley.platform.Futures;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.protocol.frame.Event;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The server under load (given, or started in a child JVM) and the generator's network threads. */
final class Target implements AutoCloseable {
  private static final Duration PONG_DEADLINE = Duration.ofSeconds(120);

  private final ServerAddress address;
  private final KnownServers known;
  private final Path scratch;
  private final EventLoopGroup group;
  private ServerProcess process;
  private int protocol = ProtocolInfo.VERSION;

  private Target(ServerAddress address, ServerProcess process, Path scratch, int threads) {
    this.address = address;
    this.process = process;
    this.scratch = scratch;
    this.known = new KnownServers(scratch.resolve("known_servers"));
    this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
  }

  /** The server the options name, or a fresh one in a child JVM. */
  static Target open(TargetOptions o) throws IOException {
    Path scratch = Files.createTempDirectory("parley-load-");
    if (o.server != null) {
      Target t = new Target(ServerAddress.parse(o.server), null, scratch, o.clientThreads);
      if (o.fingerprint != null) {
        t.known.trust(t.address, o.fingerprint);
      }
      t.protocol = o.protocol;
      return t;
    }
    Scratch.delete(scratch);
    Target t = of(ServerProcess.start(o.settings()), o.clientThreads);
    t.protocol = o.protocol;
    return t;
  }

  /** A target around a server process someone else started. */
  static Target of(ServerProcess p, int threads) throws IOException {
    Target t =
        new Target(
            new ServerAddress("127.0.0.1", p.port()),
            p,
            Files.createTempDirectory("parley-load-"),
            threads);
    t.known.trust(t.address, p.fingerprint());
    return t;
  }

  ServerAddress address() {
    return address;
  }

  /** The pinned fingerprint (after the first connection when none was given). */
  String fingerprint() {
    return known.pinned(address).orElseThrow();
  }

  /** The child server, when the generator started it. */
  Optional<ServerProcess> process() {
    return Optional.ofNullable(process);
  }

  /** Replaces the child server (after a crash test restarted it on the same data). */
  void replaceProcess(ServerProcess p) {
    process = p;
  }

  Path scratch() {
    return scratch;
  }

  /**
   * Opens a connection that says hello (in the newest version both sides speak, up to the chosen
   * one); {@code events} runs on a network thread.
   */
  CompletableFuture<ServerConnection> connect(Consumer<Event> events, Runnable onClosed) {
    return open(events, onClosed)
        .exceptionallyCompose(
            e -> {
              Throwable c = Futures.unwrap(e);
              if (c instanceof ServerTrustException te && te.pinned() == null) {
                System.err.println("trusting " + address + " at " + te.presented());
                known.trust(address, te.presented());
                return open(events, onClosed);
              }
              return CompletableFuture.failedFuture(c);
            });
  }

  // A deliberate overload (5,000 connections with 64 messages in flight each) keeps answers
  // queued for longer than the app's pong deadline: the generator must not hang up on its own.
  private CompletableFuture<ServerConnection> open(Consumer<Event> events, Runnable onClosed) {
    return ServerConnection.open(
        address,
        known,
        group,
        events,
        onClosed,
        null,
        ClientConfig.DEFAULT_PING_AFTER,
        PONG_DEADLINE,
        protocol);
  }

  /** The server's CPU time so far, if the generator started it. */
  Duration serverCpu() {
    return process().map(ServerProcess::cpuTime).orElse(Duration.ZERO);
  }

  @Override
  public void close() throws InterruptedException {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (process != null) {
      process.close();
    }
    Scratch.delete(scratch);
  }
}
