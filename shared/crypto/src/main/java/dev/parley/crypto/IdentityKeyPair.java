package dev.parley.crypto;

/** A device's long-term identity: X25519 for key agreement and Ed25519 for signing prekeys. */
public record IdentityKeyPair(KeyPairBytes dh, KeyPairBytes sign) {
  /** A new random identity. */
  public static IdentityKeyPair generate() {
    return new IdentityKeyPair(X25519.generate(), Ed25519.generate());
  }

  /** The part others may see. */
  public IdentityPublicKey publicKey() {
    return new IdentityPublicKey(dh.publicKey(), sign.publicKey());
  }
}
