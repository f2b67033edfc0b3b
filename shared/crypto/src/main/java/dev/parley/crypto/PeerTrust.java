package dev.parley.crypto;

import java.util.Objects;

/**
 * What this device believes about a peer's identity: the key on record (first seen, or accepted
 * through a key change), whether the user verified it by comparing safety numbers, and whether
 * sending is held because a verified peer's key changed and the user has not accepted it yet.
 *
 * <p>It lives in the key store, so it is sealed and authenticated with everything else secret.
 *
 * @param identity the identity key on record
 * @param verified the user compared safety numbers for this key
 * @param held messages to this peer wait until the user accepts the new safety number
 */
public record PeerTrust(IdentityPublicKey identity, boolean verified, boolean held) {
  /** Checks the identity is present. */
  public PeerTrust {
    Objects.requireNonNull(identity, "identity");
  }

  /** The trust after the peer's identity changed to {@code next}: never verified, maybe held. */
  PeerTrust changedTo(IdentityPublicKey next) {
    return new PeerTrust(next, false, verified || held);
  }
}
