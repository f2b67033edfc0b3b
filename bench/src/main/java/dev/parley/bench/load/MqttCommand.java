package dev.parley.bench.load;

import dev.parley.client.net.ServerConnection;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mqtt}: the relay's workload against a Mosquitto broker over TLS 1.3, for a side-by-side
 * with {@code relay --opaque} in the same run: pairs of clients, each publishing its messages at
 * QoS 1 to its partner's topic with the same window and size, and acknowledging what it receives.
 * The generator's side is as close to the Parley one as it can be: the same Netty event loops, the
 * JDK's TLS, one flush per frame.
 */
@Command(
    name = "mqtt",
    description =
        "The relay workload against a Mosquitto broker it starts (TLS 1.3, QoS 1); reports as relay.")
final class MqttCommand implements Callable<Integer> {
  @Mixin RelayOptions relay = new RelayOptions();

  @Option(
      names = "--mosquitto",
      paramLabel = "PATH",
      description = "The broker binary (default: ${DEFAULT-VALUE}).")
  String binary = "/usr/sbin/mosquitto";

  @Option(
      names = "--server-cpus",
      paramLabel = "LIST",
      description = "Run the broker on these CPUs only (taskset -c LIST).")
  String cpus;

  @Option(
      names = "--client-threads",
      paramLabel = "N",
      description = "Network threads of the generator (default: ${DEFAULT-VALUE}).")
  int clientThreads = 2;

  @Override
  public Integer call() throws Exception {
    RelaySettings s = relay.settings();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(clientThreads, NioIoHandler.newFactory());
    SslContext tls =
        SslContextBuilder.forClient()
            // The same TLS as Parley's clients here (ServerConnection), so both are driven alike.
            .sslProvider(ServerConnection.tlsProvider())
            .protocols("TLSv1.3")
            .trustManager(InsecureTrustManagerFactory.INSTANCE) // loopback, a broker we started
            .build();
    List<MqttPeer> peers = new ArrayList<>();
    try (Mosquitto broker = Mosquitto.start(binary, cpus, 2 * s.pairs() + 100)) {
      String prefix = LoadUser.runPrefix();
      List<SendWindow> senders = new ArrayList<>();
      List<DeliveryTracker> receivers = new ArrayList<>();
      List<CompletableFuture<Void>> ready = new ArrayList<>();
      Histogram latencies = DeliveryTracker.sharedLatencies();
      for (int i = 0; i < 2 * s.pairs(); i++) {
        DeliveryTracker tracker = new DeliveryTracker(sent -> true, latencies);
        MqttPeer peer = new MqttPeer(prefix + i, prefix + (i ^ 1), tracker, s.size());
        SendWindow w = new SendWindow(s.messages(), s.window(), peer::publish);
        peers.add(peer);
        senders.add(w);
        receivers.add(tracker);
        ready.add(peer.connect(group, tls, broker.port(), w));
      }
      CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      RelayResult r = RelayRun.measure("mqtt", broker::cpuTime, s, senders, receivers);
      Report.print(r.summary(), r.json());
      return r.lost() == 0 && r.duplicated() == 0 ? 0 : 1;
    } finally {
      peers.forEach(MqttPeer::close);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }
}
