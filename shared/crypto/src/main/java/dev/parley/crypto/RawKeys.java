package dev.parley.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Converts between raw 32-byte Ed25519 keys (the wire format) and JDK key objects (X25519 works on
 * raw keys directly, see {@link X25519}). The algorithm has fixed-length DER encodings (RFC 8410),
 * so a raw key is its DER form without the constant prefix.
 */
final class RawKeys {
  enum Alg {
    ED25519("Ed25519", "302a300506032b6570032100", "302e020100300506032b657004220420");

    final String factory;
    final byte[] publicPrefix;
    final byte[] privatePrefix;

    Alg(String factory, String publicPrefix, String privatePrefix) {
      this.factory = factory;
      this.publicPrefix = HexFormat.of().parseHex(publicPrefix);
      this.privatePrefix = HexFormat.of().parseHex(privatePrefix);
    }
  }

  private RawKeys() {}

  static KeyPairBytes generate(Alg alg) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance(alg.factory);
      KeyPair kp = gen.generateKeyPair();
      return new KeyPairBytes(rawPublic(alg, kp.getPublic()), rawPrivate(alg, kp.getPrivate()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks " + alg, e);
    }
  }

  static byte[] rawPublic(Alg alg, PublicKey key) {
    return strip(alg.publicPrefix, key.getEncoded());
  }

  static byte[] rawPrivate(Alg alg, PrivateKey key) {
    return strip(alg.privatePrefix, key.getEncoded());
  }

  static PublicKey publicKey(Alg alg, byte[] raw) {
    Bytes.requireLength(raw, 32, "public key");
    try {
      return KeyFactory.getInstance(alg.factory)
          .generatePublic(new X509EncodedKeySpec(Bytes.concat(alg.publicPrefix, raw)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid " + alg + " public key", e);
    }
  }

  static PrivateKey privateKey(Alg alg, byte[] raw) {
    Bytes.requireLength(raw, 32, "private key");
    byte[] der = Bytes.concat(alg.privatePrefix, raw);
    try {
      return KeyFactory.getInstance(alg.factory).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid " + alg + " private key", e);
    } finally {
      Bytes.wipe(der);
    }
  }

  private static byte[] strip(byte[] prefix, byte[] der) {
    if (der.length != prefix.length + 32
        || !Arrays.equals(Arrays.copyOf(der, prefix.length), prefix)) {
      throw new IllegalStateException("unexpected key encoding from the JDK");
    }
    return Arrays.copyOfRange(der, prefix.length, der.length);
  }
}
