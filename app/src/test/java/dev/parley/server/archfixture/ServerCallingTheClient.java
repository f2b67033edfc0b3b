package dev.parley.server.archfixture;

import dev.parley.client.api.ServerAddress;

/** Violates on purpose (ArchitectureRulesTest): a server class that depends on the client core. */
public final class ServerCallingTheClient {
  /** Parses with the client's parser, which the server must not ship. */
  public ServerAddress parse(String text) {
    return ServerAddress.parse(text);
  }
}
