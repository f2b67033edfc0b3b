package dev.parley.crypto;

import java.util.Arrays;

/** A medium-term X25519 prekey signed by the identity's Ed25519 key; kept by its owner. */
public record SignedPreKey(int id, KeyPairBytes key, byte[] signature, long createdAtMillis) {
  /** Copies the signature. */
  public SignedPreKey {
    signature = Bytes.requireLength(signature, 64, "signature").clone();
  }

  /** A new signed prekey with the given id, signed by {@code identity}. */
  public static SignedPreKey generate(IdentityKeyPair identity, int id, long nowMillis) {
    KeyPairBytes key = X25519.generate();
    byte[] sig = Ed25519.sign(identity.sign().privateKey(), key.publicKey());
    return new SignedPreKey(id, key, sig, nowMillis);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedPreKey s
        && id == s.id
        && createdAtMillis == s.createdAtMillis
        && key.equals(s.key)
        && Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return id;
  }
}
