package dev.parley.client;

import dev.parley.crypto.KeyStoreFile;
import dev.parley.platform.DataDirs;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the client keeps its files and how it behaves.
 *
 * @param dataDir folder for known servers, key stores and histories
 * @param keyStoreIterations PBKDF2 iterations for new key stores (tests may lower it)
 * @param maxReconnectDelay longest wait between reconnection attempts
 */
public record ClientConfig(Path dataDir, int keyStoreIterations, Duration maxReconnectDelay) {
  /** The defaults for a desktop user. */
  public static ClientConfig defaults() {
    return in(DataDirs.userData().resolve("client"));
  }

  /** The defaults with data in {@code dir}. */
  public static ClientConfig in(Path dir) {
    return new ClientConfig(dir, KeyStoreFile.DEFAULT_ITERATIONS, Duration.ofSeconds(30));
  }
}
