package dev.parley.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.KeyAgreement;

/** X25519 Diffie-Hellman on raw 32-byte keys (RFC 7748), computed by the JDK. */
public final class X25519 {
  private X25519() {}

  /** A fresh random key pair. */
  public static KeyPairBytes generate() {
    return RawKeys.generate(RawKeys.Alg.X25519);
  }

  /** The public key of a raw private scalar. */
  public static byte[] publicKeyOf(byte[] privateKey) {
    // X25519(k, 9): agreement with the base point u = 9.
    byte[] base = new byte[32];
    base[0] = 9;
    return agree(privateKey, base);
  }

  /** The shared secret of our private key and their public key; rejects an all-zero result. */
  public static byte[] agree(byte[] privateKey, byte[] publicKey) {
    try {
      KeyAgreement ka = KeyAgreement.getInstance("XDH");
      ka.init(RawKeys.privateKey(RawKeys.Alg.X25519, privateKey));
      ka.doPhase(RawKeys.publicKey(RawKeys.Alg.X25519, publicKey), true);
      return ka.generateSecret();
    } catch (GeneralSecurityException e) {
      // The JDK throws for low-order points (all-zero shared secret), as RFC 7748 section 6.1
      // allows.
      throw new IllegalArgumentException("X25519 agreement failed", e);
    }
  }
}
