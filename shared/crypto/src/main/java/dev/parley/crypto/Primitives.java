package dev.parley.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * JCA objects kept per thread: {@code Mac.getInstance} and {@code Cipher.getInstance} search the
 * provider list on every call, which per message (chain step, HKDF, decryption) showed in the
 * client's profile. Each caller initialises the object before every use, so nothing of one use
 * carries into the next.
 */
final class Primitives {
  private static final ThreadLocal<Mac> HMAC_SHA256 =
      ThreadLocal.withInitial(() -> create(() -> Mac.getInstance("HmacSHA256")));
  private static final ThreadLocal<Cipher> AES_GCM_DECRYPT =
      ThreadLocal.withInitial(() -> create(() -> Cipher.getInstance("AES/GCM/NoPadding")));

  private Primitives() {}

  /** This thread's HMAC-SHA256, to be initialised with a key before use. */
  static Mac hmacSha256() {
    return HMAC_SHA256.get();
  }

  /**
   * This thread's AES/GCM cipher for decryption only, to be initialised before use. Encryption
   * takes a new {@link Cipher}: the JDK refuses to encrypt twice in a row under one key and nonce
   * with the same object, and a ratchet step that was rolled back is encrypted again exactly so.
   */
  static Cipher aesGcmForDecryption() {
    return AES_GCM_DECRYPT.get();
  }

  private interface Factory<T> {
    T make() throws GeneralSecurityException;
  }

  private static <T> T create(Factory<T> f) {
    try {
      return f.make();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a standard JCA algorithm is unavailable", e);
    }
  }
}
