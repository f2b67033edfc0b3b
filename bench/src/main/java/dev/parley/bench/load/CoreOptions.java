package dev.parley.bench.load;

import dev.parley.client.api.ClientConfig;
import dev.parley.crypto.KeyStoreFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the client-core modes ({@code catchup}, {@code send}) set up their clients and texts. */
final class CoreOptions {
  @Option(
      names = {"-s", "--size"},
      description = "Bytes per text (default: ${DEFAULT-VALUE}).")
  int size = 200;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description =
          "PBKDF2 iterations of the clients' key stores and login credentials (default: the"
              + " product's ${DEFAULT-VALUE}).")
  int iterations = KeyStoreFile.DEFAULT_ITERATIONS;

  /** Options with {@code size}-byte texts and {@code iterations} (tests lower it). */
  static CoreOptions of(int size, int iterations) {
    CoreOptions o = new CoreOptions();
    o.size = size;
    o.iterations = iterations;
    return o;
  }

  /** The client configuration with data in {@code dir}: the product's unless told otherwise. */
  ClientConfig config(Path dir) {
    ClientConfig defaults = ClientConfig.in(dir);
    return iterations == defaults.keyStoreIterations() && iterations == defaults.authKeyIterations()
        ? defaults
        : new ClientConfig(dir, iterations, defaults.maxReconnectDelay());
  }
}
