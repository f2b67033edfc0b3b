package dev.parley.client.archfixturea;

import dev.parley.client.archfixtureb.Pong;

/** Violates on purpose (ArchitectureRulesTest): one half of a package cycle in the client. */
public final class Ping {
  /** Calls into the other package, which calls back. */
  public Pong pong() {
    return new Pong();
  }
}
