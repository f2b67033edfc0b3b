package dev.parley.bench.load;

/**
 * The shape of a relay run.
 *
 * @param pairs pairs of clients; both clients of a pair send to each other
 * @param messages messages each client sends
 * @param size envelope (opaque) or text (e2e) bytes per message
 * @param window most messages a client has sent but the server not yet acknowledged
 * @param rate most messages a second all clients send together, or 0 for as fast as the windows
 *     allow
 * @param warmUpSeconds the first seconds of the run, whose messages' latencies are left out (both
 *     ends compile their hot code then)
 */
record RelaySettings(
    int pairs, int messages, int size, int window, double rate, double warmUpSeconds) {
  RelaySettings {
    if (pairs < 1
        || messages < 1
        || window < 1
        || size < 16
        || !(rate >= 0)
        || !(warmUpSeconds >= 0)) {
      throw new IllegalArgumentException(
          "pairs, messages, window ≥ 1, size ≥ 16 bytes, a rate and a warm-up ≥ 0");
    }
  }

  /** As fast as the windows allow, every latency counted. */
  RelaySettings(int pairs, int messages, int size, int window) {
    this(pairs, messages, size, window, 0, 0);
  }

  /** The same shape, sending {@code count} messages per client. */
  RelaySettings withMessages(int count) {
    return new RelaySettings(pairs, count, size, window, rate, warmUpSeconds);
  }
}
