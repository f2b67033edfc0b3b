package dev.parley.client.net;

import dev.parley.client.api.ServerAddress;
import dev.parley.protocol.CertificateFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pinned server certificates, like SSH's known_hosts: one line per server, {@code host:port
 * FINGERPRINT}. Unreadable lines are skipped rather than trusted. Thread-safe.
 */
public final class KnownServers {
  private final Path file;
  private final Map<String, String> pins = new LinkedHashMap<>();

  /** The store kept in {@code file} (created on first trust). */
  public KnownServers(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] parts = line.strip().split("\\s+");
          if (parts.length == 2 && CertificateFingerprint.isWellFormed(parts[1])) {
            pins.put(parts[0], parts[1]);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }

  private static String key(ServerAddress a) {
    return a.host() + ":" + a.port();
  }

  /** The pinned fingerprint of {@code address}, if any. */
  public synchronized Optional<String> pinned(ServerAddress address) {
    return Optional.ofNullable(pins.get(key(address)));
  }

  /** Pins {@code fingerprint} for {@code address}, replacing any earlier pin. */
  public synchronized void trust(ServerAddress address, String fingerprint) {
    String fp = CertificateFingerprint.normalise(fingerprint);
    if (fp == null) {
      throw new IllegalArgumentException("not a SHA-256 fingerprint: " + fingerprint);
    }
    pins.put(key(address), fp);
    StringBuilder out = new StringBuilder();
    pins.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "known", ".tmp");
      Files.writeString(tmp, out, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
