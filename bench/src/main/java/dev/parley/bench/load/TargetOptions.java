package dev.parley.bench.load;

import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolInfo;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options every mode shares: which server to load, or how to start one. */
final class TargetOptions {
  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      description = "Load this server instead of starting one in a child JVM.")
  String server;

  @Option(
      names = "--fingerprint",
      paramLabel = "FP",
      description =
          "The --server's certificate fingerprint; without it the first one seen is trusted.")
  String fingerprint;

  @Option(
      names = "--bcrypt-cost",
      paramLabel = "N",
      description = "bcrypt cost of the started server (default: ${DEFAULT-VALUE}).")
  int bcryptCost = 4;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description = "Connection limit of the started server (default: ${DEFAULT-VALUE}).")
  int maxConnections = 20_000;

  @Option(
      names = "--request-rate",
      paramLabel = "N",
      description =
          "Per-connection requests/s the started server allows (default: ${DEFAULT-VALUE}; the"
              + " product's default of 2,000 would cap each client below the relay targets).")
  int requestRate = 1_000_000;

  @Option(
      names = "--sender-share",
      paramLabel = "N",
      description =
          "Messages one sender may queue for one recipient on the started server (default: the"
              + " product's 1,000; catchup and send raise it to their message count).")
  Integer senderShare;

  @Option(
      names = "--server-heap",
      paramLabel = "SIZE",
      description = "-Xmx of the started server (default: ${DEFAULT-VALUE}).")
  String serverHeap = "2g";

  @Option(
      names = "--server-java-option",
      paramLabel = "OPTION",
      description =
          "An extra option for the started server's JVM, e.g."
              + " -XX:StartFlightRecording=filename=server.jfr (repeatable).")
  java.util.List<String> serverJavaOptions = new java.util.ArrayList<>();

  @Option(
      names = "--server-cpus",
      paramLabel = "LIST",
      description =
          "Run the started server on these CPUs only (taskset -c LIST, e.g. 0); run the generator"
              + " itself under taskset on the others to keep the two apart.")
  String serverCpus;

  @Option(
      names = "--client-threads",
      paramLabel = "N",
      description = "Network threads of the generator (default: ${DEFAULT-VALUE}).")
  int clientThreads = 2;

  @Option(
      names = "--protocol",
      paramLabel = "N",
      description =
          "Newest protocol version the generator's clients speak (default: ${DEFAULT-VALUE}; 1"
              + " measures version 1 clients, which confirm each message and receipt alone).")
  int protocol = ProtocolInfo.VERSION;

  /** Options whose started server hashes passwords at {@code cost} unless told otherwise. */
  static TargetOptions withBcryptCost(int cost) {
    TargetOptions o = new TargetOptions();
    o.bcryptCost = cost;
    return o;
  }

  ServerSettings settings() {
    return new ServerSettings(
        bcryptCost,
        maxConnections,
        requestRate,
        serverHeap,
        serverJavaOptions,
        senderShare != null ? senderShare : Limits.DEFAULT_SENDER_SHARE_MESSAGES,
        serverCpus);
  }

  /** Lets one sender queue {@code messages} for one recipient, unless the user chose a share. */
  void shareAtLeast(int messages) {
    if (senderShare == null) {
      senderShare = Math.max(Limits.DEFAULT_SENDER_SHARE_MESSAGES, messages);
    }
  }

  /** What caps one connection's requests: the started server's limit, or unknown for --server. */
  String requestLimit() {
    return server != null ? "unknown (--server)" : String.format(Locale.ROOT, "%,d/s", requestRate);
  }

  /**
   * A note when {@code perSecond} requests of one connection come within 10 % of the started
   * server's per-connection limit, so that the limit, not the client, may have set the pace; else
   * empty.
   */
  String rateCapNote(double perSecond) {
    if (server == null && perSecond >= 0.9 * requestRate) {
      return String.format(
          Locale.ROOT,
          " CAPPED by the server's limit of %,d requests/s per connection (raise it with"
              + " --request-rate).",
          requestRate);
    }
    return "";
  }
}
