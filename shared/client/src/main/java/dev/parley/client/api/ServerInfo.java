package dev.parley.client.api;

import java.util.List;

/**
 * The server the client is connected to.
 *
 * @param address where it is
 * @param name the name it announces
 * @param fingerprint its verified certificate fingerprint
 * @param localAccounts the accounts this device already has keys for on it (none: a first visit)
 */
public record ServerInfo(
    ServerAddress address, String name, String fingerprint, List<String> localAccounts) {
  /** A server this device has no account on yet. */
  public ServerInfo(ServerAddress address, String name, String fingerprint) {
    this(address, name, fingerprint, List.of());
  }

  /** Copies the list. */
  public ServerInfo {
    localAccounts = List.copyOf(localAccounts);
  }
}
