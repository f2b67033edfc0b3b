package dev.parley.client.net;

import dev.parley.client.api.ServerAddress;
import java.util.List;

/**
 * A server this device trusts, identified by its certificate: the certificate's private key is the
 * server's identity, wherever it is reached.
 *
 * @param fingerprint the SHA-256 certificate fingerprint (the identity)
 * @param name the name it announced in its last {@code hello}, or empty when not known yet
 * @param addresses the addresses it was reached at, most recent first (each belongs to one server)
 */
public record KnownServer(String fingerprint, String name, List<ServerAddress> addresses) {
  /** Copies the list. */
  public KnownServer {
    name = name == null ? "" : name;
    addresses = List.copyOf(addresses);
  }
}
