package dev.parley.bench.load;

import dev.parley.protocol.Limits;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server the load generator starts in a child JVM: a real {@link ParleyServer} on loopback. It
 * prints one line with its port and fingerprint, then runs until its standard input closes (so it
 * never outlives the generator).
 */
public final class BenchServer {
  static final String READY = "BENCH-SERVER";

  private BenchServer() {}

  /**
   * Args: data dir, bcrypt cost, max connections, requests/s per connection[, port[, one sender's
   * share of a recipient's queue in messages]].
   */
  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(args[3]);
    int share = args.length > 5 ? Integer.parseInt(args[5]) : Limits.DEFAULT_SENDER_SHARE_MESSAGES;
    // A share raised beyond the product's may use the whole queue's bytes, not the default share's.
    long shareBytes =
        share > Limits.DEFAULT_SENDER_SHARE_MESSAGES
            ? Limits.DEFAULT_QUEUE_BYTES
            : Limits.DEFAULT_SENDER_SHARE_BYTES;
    ServerConfig config =
        ServerConfig.builder(Path.of(args[0]))
            .bindAddress("127.0.0.1")
            .port(args.length > 4 ? Integer.parseInt(args[4]) : 0)
            .name("Parley bench")
            .bcryptCost(Integer.parseInt(args[1]))
            .maxConnections(Integer.parseInt(args[2]))
            // Every generated connection comes from 127.0.0.1.
            .maxAnonymousPerAddress(Integer.parseInt(args[2]))
            .requestRate(rate, rate * 2)
            .senderQueueShare(share, shareBytes)
            .loginTimeout(Duration.ofMinutes(5))
            .idleTimeout(Duration.ofMinutes(10))
            .discovery(false)
            // Every generated user connects from 127.0.0.1: lift the per-address account limits.
            .registrationsPerAddress(Integer.MAX_VALUE)
            .loginFailuresPerAddress(Integer.MAX_VALUE)
            .hashRatePerAddress(Integer.MAX_VALUE, Integer.MAX_VALUE)
            .hashRatePerAccount(Integer.MAX_VALUE, Integer.MAX_VALUE)
            .build();
    try (ParleyServer server = ParleyServer.start(config)) {
      System.out.println(READY + " " + server.port() + " " + server.fingerprint());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to go away
      }
    }
  }
}
