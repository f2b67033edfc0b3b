package dev.parley.app.archfixture;

import dev.parley.crypto.IdentityKeyPair;

/** Violates on purpose (ArchitectureRulesTest): a view-side class that performs crypto. */
public final class AppMakingKeys {
  /** Generates an identity, which only the client core may do. */
  public IdentityKeyPair make() {
    return IdentityKeyPair.generate();
  }
}
