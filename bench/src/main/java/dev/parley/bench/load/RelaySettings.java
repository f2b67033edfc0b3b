package dev.parley.bench.load;

/**
 * The shape of a relay run.
 *
 * @param pairs pairs of clients; both clients of a pair send to each other
 * @param messages messages each client sends
 * @param size envelope (opaque) or text (e2e) bytes per message
 * @param window most messages a client has sent but the server not yet acknowledged
 */
record RelaySettings(int pairs, int messages, int size, int window) {
  RelaySettings {
    if (pairs < 1 || messages < 1 || window < 1 || size < 16) {
      throw new IllegalArgumentException("pairs, messages, window ≥ 1 and size ≥ 16 bytes");
    }
  }
}
