package dev.parley.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for data at rest: a random 96-bit nonce, prepended to the ciphertext. Thread-safe:
 * one {@link Cipher} is kept and re-initialised per call under this object's lock, which skips the
 * provider lookup and the AES key schedule that a new {@code Cipher} per row cost.
 */
public final class LocalDataCipher {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE = 12;

  private final SecretKeySpec key;
  private Cipher cipher;

  /** A cipher under a 32-byte key. */
  public LocalDataCipher(byte[] key32) {
    this.key = new SecretKeySpec(Bytes.requireLength(key32, 32, "data key"), "AES");
  }

  private Cipher cipher() throws GeneralSecurityException {
    if (cipher == null) {
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
    }
    return cipher;
  }

  /** nonce || ciphertext || tag, bound to {@code associatedData}. */
  public synchronized byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = cipher();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(associatedData);
      byte[] ct = c.doFinal(plaintext);
      return ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Opens what {@link #seal} produced with the same associated data. */
  public synchronized byte[] open(byte[] sealed, byte[] associatedData) throws CryptoException {
    if (sealed == null || sealed.length < NONCE + 16) {
      throw new CryptoException("sealed data is truncated");
    }
    try {
      Cipher c = cipher();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE));
      c.updateAAD(associatedData);
      return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    } catch (AEADBadTagException e) {
      throw new CryptoException("sealed data failed authentication", e);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("sealed data is malformed", e);
    }
  }
}
