package dev.parley.crypto;

import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) on the JDK's HMAC-SHA256, whose SHA-256 runs on the CPU's intrinsics (per
 * message, a pure-Java digest cost several times as much).
 */
public final class Hkdf {
  private static final int HASH_LEN = 32;

  private Hkdf() {}

  /** Extract-and-expand {@code length} bytes; a null salt means HashLen zero bytes. */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    if (length < 0 || length > 255 * HASH_LEN) {
      throw new IllegalArgumentException("HKDF output length out of range: " + length);
    }
    Mac mac = Primitives.hmacSha256();
    // An empty salt is the same HMAC key as HashLen zeros (HMAC pads keys with zeros).
    byte[] s = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
    byte[] prk = null;
    try {
      mac.init(new SecretKeySpec(s, "HmacSHA256"));
      prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] t = new byte[0];
      for (int i = 1, done = 0; done < length; i++) {
        mac.update(t);
        if (info != null) {
          mac.update(info);
        }
        mac.update((byte) i);
        Bytes.wipe(t);
        t = mac.doFinal();
        int n = Math.min(HASH_LEN, length - done);
        System.arraycopy(t, 0, out, done, n);
        done += n;
      }
      Bytes.wipe(t);
      return out;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 refused its key", e);
    } finally {
      if (prk != null) {
        Bytes.wipe(prk);
      }
    }
  }
}
