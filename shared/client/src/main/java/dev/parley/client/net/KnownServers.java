package dev.parley.client.net;

import dev.parley.client.api.ServerAddress;
import dev.parley.protocol.CertificateFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The servers this device trusts, keyed by their identity (the certificate fingerprint), like SSH's
 * known_hosts but with the key first: per server its fingerprint, name and the addresses it was
 * reached at. A fingerprint on record is trusted at any address; an address belongs to the server
 * last reached there. The file is one line per server, {@code FINGERPRINT ADDRESSES NAME} after a
 * header line ({@code ADDRESSES} comma-separated, most recent first, or {@code -}); a file in the
 * old format ({@code host:port FINGERPRINT} lines, no header) is read into the new model and its
 * pins kept as {@link #legacyPins()} until the next write. Unreadable lines are skipped rather than
 * trusted; writes are atomic. Thread-safe: every method locks the instance, so a caller holding it
 * reads several answers as one.
 */
public final class KnownServers {
  /** The first line of a file in the current format. */
  public static final String HEADER = "# parley known servers 2: FINGERPRINT ADDRESSES NAME";

  private static final Logger LOG = Logger.getLogger(KnownServers.class.getName());

  private final Path file;
  // By fingerprint, in the order first trusted.
  private final Map<String, KnownServer> servers = new LinkedHashMap<>();
  // Each address's server (its fingerprint): the one last reached there.
  private final Map<ServerAddress, String> owners = new LinkedHashMap<>();
  // The old file's pins as they were on disk (empty for a file in the current format).
  private final Map<ServerAddress, String> legacyPins = new LinkedHashMap<>();

  /** The store kept in {@code file} (created on first trust). */
  public KnownServers(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && lines.get(0).strip().equals(HEADER)) {
          lines.subList(1, lines.size()).forEach(this::readLine);
        } else {
          lines.forEach(this::readLegacyLine);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }

  private void readLine(String line) {
    String[] parts = line.strip().split(" ", 3);
    String fp = parts.length >= 2 ? wellFormed(parts[0]) : null;
    if (fp == null || servers.containsKey(fp)) {
      return;
    }
    List<ServerAddress> addresses = new ArrayList<>();
    if (!parts[1].equals("-")) {
      for (String a : parts[1].split(",")) {
        ServerAddress parsed = parse(a);
        if (parsed != null && !owners.containsKey(parsed)) {
          addresses.add(parsed);
          owners.put(parsed, fp);
        }
      }
    }
    servers.put(fp, new KnownServer(fp, parts.length == 3 ? parts[2] : "", addresses));
  }

  private void readLegacyLine(String line) {
    String[] parts = line.strip().split("\\s+");
    int colon = parts[0].lastIndexOf(':');
    String fp = parts.length == 2 ? wellFormed(parts[1]) : null;
    if (fp == null || colon <= 0) {
      return;
    }
    ServerAddress address;
    try {
      address =
          new ServerAddress(
              parts[0].substring(0, colon), Integer.parseInt(parts[0].substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return;
    }
    legacyPins.put(address, fp);
    record(address, fp);
  }

  private static String wellFormed(String fp) {
    return CertificateFingerprint.isWellFormed(fp) ? fp : null;
  }

  private static ServerAddress parse(String text) {
    try {
      return ServerAddress.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The fingerprint of the server last reached at {@code address}, if any. */
  public synchronized Optional<String> pinned(ServerAddress address) {
    return Optional.ofNullable(owners.get(address));
  }

  /** The known server with {@code fingerprint} (in any accepted spelling), if any. */
  public synchronized Optional<KnownServer> server(String fingerprint) {
    String fp = CertificateFingerprint.normalise(fingerprint);
    return fp == null ? Optional.empty() : Optional.ofNullable(servers.get(fp));
  }

  /** True when {@code fingerprint} is a known server's: it is trusted at any address. */
  public boolean isKnown(String fingerprint) {
    return server(fingerprint).isPresent();
  }

  /** Every known server, in the order first trusted. */
  public synchronized List<KnownServer> servers() {
    return List.copyOf(servers.values());
  }

  /**
   * The pins of a file in the old format, {@code host:port} to fingerprint, as they were on disk
   * (the account folders of that format are named by them); empty once the file was rewritten.
   */
  public synchronized Map<ServerAddress, String> legacyPins() {
    return Map.copyOf(legacyPins);
  }

  /**
   * The user accepted {@code fingerprint} at {@code address}: it becomes a known server (if it was
   * not) and the address is its, taken from any other server.
   */
  public synchronized void trust(ServerAddress address, String fingerprint) {
    String fp = CertificateFingerprint.normalise(fingerprint);
    if (fp == null) {
      throw new IllegalArgumentException("not a SHA-256 fingerprint: " + fingerprint);
    }
    record(address, fp);
    save();
  }

  /**
   * The known server {@code fingerprint} was reached at {@code address} and said it is called
   * {@code name} (null: no name): the address becomes its most recent one, and the file is written
   * when that changed anything.
   */
  public synchronized void reached(ServerAddress address, String fingerprint, String name) {
    KnownServer before = servers.get(fingerprint);
    if (before == null) {
      throw new IllegalStateException("not a known server: " + fingerprint);
    }
    String previous = owners.get(address);
    if (previous != null && !previous.equals(fingerprint)) {
      LOG.info(address + " is now the known server " + fingerprint + ", no longer " + previous);
    }
    record(address, fingerprint);
    if (name != null && !name.isBlank()) {
      KnownServer s = servers.get(fingerprint);
      servers.put(fingerprint, new KnownServer(fingerprint, oneLine(name), s.addresses()));
    }
    if (!servers.get(fingerprint).equals(before) || !legacyPins.isEmpty()) {
      save();
    }
  }

  /** Writes the file in the current format (a no-op for a current file nobody changed). */
  public synchronized void rewrite() {
    if (!legacyPins.isEmpty()) {
      save();
    }
  }

  // The name ends the line: no line breaks or other control characters in it.
  private static String oneLine(String name) {
    return name.replaceAll("\\p{Cntrl}", " ").strip();
  }

  private void record(ServerAddress address, String fp) {
    String previous = owners.put(address, fp);
    if (previous != null && !previous.equals(fp)) {
      KnownServer old = servers.get(previous);
      List<ServerAddress> left = new ArrayList<>(old.addresses());
      left.remove(address);
      servers.put(previous, new KnownServer(previous, old.name(), left));
    }
    KnownServer s = servers.get(fp);
    List<ServerAddress> addresses = new ArrayList<>();
    addresses.add(address);
    if (s != null) {
      s.addresses().stream().filter(a -> !a.equals(address)).forEach(addresses::add);
    }
    servers.put(fp, new KnownServer(fp, s == null ? "" : s.name(), addresses));
  }

  private void save() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (KnownServer s : servers.values()) {
      // A host with a comma (nothing a resolver accepts) would break the list: not kept.
      List<String> where =
          s.addresses().stream()
              .filter(a -> a.host().indexOf(',') < 0)
              .map(ServerAddress::toString)
              .toList();
      out.append(s.fingerprint())
          .append(' ')
          .append(where.isEmpty() ? "-" : String.join(",", where))
          .append(' ')
          .append(s.name())
          .append('\n');
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "known", ".tmp");
      Files.writeString(tmp, out, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    legacyPins.clear();
  }
}
