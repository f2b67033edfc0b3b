package dev.parley.crypto;

import java.util.Arrays;

/** A key pair as raw 32-byte public and private halves (X25519 or Ed25519). */
public record KeyPairBytes(byte[] publicKey, byte[] privateKey) {
  /** Checks both halves are 32 bytes. */
  public KeyPairBytes {
    Bytes.requireLength(publicKey, 32, "public key");
    Bytes.requireLength(privateKey, 32, "private key");
    publicKey = publicKey.clone();
    privateKey = privateKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] privateKey() {
    return privateKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPairBytes k
        && Arrays.equals(publicKey, k.publicKey)
        && Bytes.equal(privateKey, k.privateKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  /** Never prints the private half. */
  @Override
  public String toString() {
    return "KeyPairBytes[public=" + Bytes.hex(publicKey) + "]";
  }
}
