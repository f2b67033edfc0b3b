package dev.parley.app.connect;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.net.KnownServer;
import dev.parley.client.net.KnownServers;
import java.util.Optional;

/**
 * A server connected to before: its identity (the certificate fingerprint), its name and where it
 * was reached last. One server reached at several addresses (127.0.0.1 and its LAN address, a new
 * address after DHCP) is one entry, offered at the address it was last reached at.
 *
 * @param name the name it announced, or empty
 * @param address where to connect
 * @param fingerprint its certificate fingerprint, or empty for an entry remembered by address only
 */
public record RecentServer(String name, ServerAddress address, String fingerprint) {
  private static final String SEPARATOR = "\t";

  /** Empty, never null, for a missing name or fingerprint. */
  public RecentServer {
    name = name == null ? "" : name;
    fingerprint = fingerprint == null ? "" : fingerprint;
  }

  /** The entry as one line of the remembered list. */
  String line() {
    return address + SEPARATOR + fingerprint + SEPARATOR + name;
  }

  /** Reads {@link #line()}; entries of earlier versions hold only the address. */
  static RecentServer parse(String line) {
    String[] parts = line.split(SEPARATOR, 3);
    ServerAddress a = ServerAddress.parse(parts[0].strip());
    return new RecentServer(
        parts.length > 2 ? parts[2] : "", a, parts.length > 1 ? parts[1].strip() : "");
  }

  /**
   * This entry as the known servers know it now: identified (an old entry by the server pinned at
   * its address), at the address it was reached at last, under the name it announced last.
   */
  RecentServer current(KnownServers known) {
    String fp = fingerprint.isEmpty() ? known.pinned(address).orElse("") : fingerprint;
    Optional<KnownServer> server = fp.isEmpty() ? Optional.empty() : known.server(fp);
    if (server.isEmpty()) {
      return new RecentServer(name, address, fp);
    }
    KnownServer s = server.get();
    return new RecentServer(
        s.name().isEmpty() ? name : s.name(),
        s.addresses().isEmpty() ? address : s.addresses().get(0),
        fp);
  }

  /** True when this and {@code other} are the same server (or, unidentified, the same address). */
  boolean sameServer(RecentServer other) {
    return !fingerprint.isEmpty() && fingerprint.equals(other.fingerprint)
        || address.equals(other.address);
  }
}
