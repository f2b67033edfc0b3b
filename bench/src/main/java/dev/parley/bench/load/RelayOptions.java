package dev.parley.bench.load;

import picocli.CommandLine.Option;

/** The relay's shape on the command line. */
final class RelayOptions {
  @Option(
      names = {"-p", "--pairs"},
      description = "Pairs of clients (default: ${DEFAULT-VALUE}).")
  int pairs = 50;

  @Option(
      names = {"-m", "--messages"},
      description = "Messages each client sends (default: ${DEFAULT-VALUE}).")
  int messages = 2_000;

  @Option(
      names = {"-s", "--size"},
      description = "Bytes per message (default: ${DEFAULT-VALUE}).")
  int size = 200;

  @Option(
      names = {"-w", "--window"},
      description = "Most unacknowledged messages per client (default: ${DEFAULT-VALUE}).")
  int window = 64;

  @Option(
      names = {"-r", "--rate"},
      paramLabel = "MSGS_PER_S",
      description =
          "Most messages a second all clients send together; 0 for as fast as the windows allow"
              + " (default: ${DEFAULT-VALUE}).")
  double rate = 0;

  @Option(
      names = "--warm-up",
      paramLabel = "SECONDS",
      description =
          "Leave out the latencies of messages sent in the run's first SECONDS, while both ends"
              + " still compile their hot code (default: ${DEFAULT-VALUE}).")
  double warmUp = 0;

  RelaySettings settings() {
    return new RelaySettings(pairs, messages, size, window, rate, warmUp);
  }
}
