package dev.parley.client;

import dev.parley.crypto.KeyStoreFile;
import dev.parley.platform.DataDirs;
import dev.parley.protocol.AuthKey;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the client keeps its files and how it behaves.
 *
 * @param dataDir folder for known servers, key stores and histories
 * @param keyStoreIterations PBKDF2 iterations for new key stores (tests may lower it)
 * @param maxReconnectDelay longest wait between reconnection attempts
 * @param authKeyIterations PBKDF2 iterations of the credential sent to the server ({@link
 *     AuthKey#ITERATIONS}; every client of an account must use the same, so only tests change it)
 */
public record ClientConfig(
    Path dataDir, int keyStoreIterations, Duration maxReconnectDelay, int authKeyIterations) {
  /** A configuration whose key store and credential use the same iteration count (tests). */
  public ClientConfig(Path dataDir, int iterations, Duration maxReconnectDelay) {
    this(dataDir, iterations, maxReconnectDelay, iterations);
  }

  /** The defaults for a desktop user. */
  public static ClientConfig defaults() {
    return in(DataDirs.userData().resolve("client"));
  }

  /** The defaults with data in {@code dir}. */
  public static ClientConfig in(Path dir) {
    return new ClientConfig(
        dir, KeyStoreFile.DEFAULT_ITERATIONS, Duration.ofSeconds(30), AuthKey.ITERATIONS);
  }
}
