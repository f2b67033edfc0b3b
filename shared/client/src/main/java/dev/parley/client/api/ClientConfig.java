package dev.parley.client.api;

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
 * @param pingAfter silence from the server after which the client sends its own {@code ping}
 * @param pingDeadline how long that ping may wait for its {@code pong} before the connection counts
 *     as dead and is closed (a link that stopped carrying data is noticed within {@code pingAfter +
 *     pingDeadline})
 */
public record ClientConfig(
    Path dataDir,
    int keyStoreIterations,
    Duration maxReconnectDelay,
    int authKeyIterations,
    Duration pingAfter,
    Duration pingDeadline) {
  /** Silence before the client pings: short, so a dead link is noticed within ~15 s. */
  public static final Duration DEFAULT_PING_AFTER = Duration.ofSeconds(5);

  /** Time a ping may wait for its pong. */
  public static final Duration DEFAULT_PING_DEADLINE = Duration.ofSeconds(10);

  /** A configuration with the default keep-alive. */
  public ClientConfig(
      Path dataDir, int keyStoreIterations, Duration maxReconnectDelay, int authKeyIterations) {
    this(
        dataDir,
        keyStoreIterations,
        maxReconnectDelay,
        authKeyIterations,
        DEFAULT_PING_AFTER,
        DEFAULT_PING_DEADLINE);
  }

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

  /** This configuration with another keep-alive (tests shorten it). */
  public ClientConfig withKeepAlive(Duration after, Duration deadline) {
    return new ClientConfig(
        dataDir, keyStoreIterations, maxReconnectDelay, authKeyIterations, after, deadline);
  }

  /** This configuration with another longest wait between reconnection attempts. */
  public ClientConfig withMaxReconnectDelay(Duration max) {
    return new ClientConfig(
        dataDir, keyStoreIterations, max, authKeyIterations, pingAfter, pingDeadline);
  }
}
