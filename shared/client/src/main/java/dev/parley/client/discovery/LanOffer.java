package dev.parley.client.discovery;

import dev.parley.client.net.KnownServer;
import dev.parley.client.net.KnownServers;
import java.util.Optional;

/**
 * How a server announced on the LAN is offered: under the name this device knows it by when its
 * announced fingerprint is a known server's (wherever it was reached before), else under the name
 * it announces. The announcement is not authenticated, so being offered as known only says where to
 * connect; the certificate presented there is what is trusted.
 *
 * @param server the announcement
 * @param name the name to show
 * @param usedBefore true when the announced fingerprint is a known server's
 * @param lookalike true when it announces the name of a known server but not its fingerprint
 */
public record LanOffer(LanServer server, String name, boolean usedBefore, boolean lookalike) {

  /** The offer of {@code server}, as {@code known} knows it. */
  public static LanOffer of(LanServer server, KnownServers known) {
    Optional<KnownServer> same =
        server.fingerprint() == null ? Optional.empty() : known.server(server.fingerprint());
    if (same.isPresent()) {
      String knownName = same.get().name();
      return new LanOffer(server, knownName.isEmpty() ? server.name() : knownName, true, false);
    }
    boolean lookalike =
        known.servers().stream().anyMatch(k -> k.name().equalsIgnoreCase(server.name().strip()));
    return new LanOffer(server, server.name(), false, lookalike);
  }
}
