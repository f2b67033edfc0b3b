package dev.parley.crypto;

import java.security.GeneralSecurityException;
import java.security.Signature;

/** Ed25519 signatures on raw 32-byte keys, computed by the JDK. */
public final class Ed25519 {
  private Ed25519() {}

  /** A fresh random signing key pair. */
  public static KeyPairBytes generate() {
    return RawKeys.generate(RawKeys.Alg.ED25519);
  }

  /** The 64-byte signature of {@code message}. */
  public static byte[] sign(byte[] privateKey, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(RawKeys.privateKey(RawKeys.Alg.ED25519, privateKey));
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * True only if {@code signature} is a valid signature of {@code message} by {@code publicKey}.
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null
        || publicKey.length != 32
        || signature == null
        || signature.length != 64) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(RawKeys.publicKey(RawKeys.Alg.ED25519, publicKey));
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
