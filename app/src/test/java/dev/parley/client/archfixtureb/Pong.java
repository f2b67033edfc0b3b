package dev.parley.client.archfixtureb;

import dev.parley.client.archfixturea.Ping;

/** Violates on purpose (ArchitectureRulesTest): the other half of a package cycle. */
public final class Pong {
  /** Calls back into the first package. */
  public Ping ping() {
    return new Ping();
  }
}
