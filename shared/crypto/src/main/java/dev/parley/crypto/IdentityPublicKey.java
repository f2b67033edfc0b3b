package dev.parley.crypto;

import java.util.Arrays;
import java.util.Base64;

/** The public half of a device identity: X25519 key for X3DH and Ed25519 key for signatures. */
public record IdentityPublicKey(byte[] dh, byte[] sign) {
  /** Checks both keys are 32 raw bytes. */
  public IdentityPublicKey {
    dh = Bytes.requireLength(dh, 32, "identity DH key").clone();
    sign = Bytes.requireLength(sign, 32, "identity signing key").clone();
  }

  @Override
  public byte[] dh() {
    return dh.clone();
  }

  @Override
  public byte[] sign() {
    return sign.clone();
  }

  /** Both keys, DH first: the form hashed into safety numbers and associated data. */
  public byte[] encoded() {
    return Bytes.concat(dh, sign);
  }

  /** Decodes the 64-byte form of {@link #encoded()}. */
  public static IdentityPublicKey decode(byte[] encoded) {
    Bytes.requireLength(encoded, 64, "identity key");
    return new IdentityPublicKey(
        Arrays.copyOfRange(encoded, 0, 32), Arrays.copyOfRange(encoded, 32, 64));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityPublicKey k
        && Arrays.equals(dh, k.dh)
        && Arrays.equals(sign, k.sign);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dh) + Arrays.hashCode(sign);
  }

  @Override
  public String toString() {
    return "IdentityPublicKey[" + Base64.getEncoder().encodeToString(encoded()) + "]";
  }
}
