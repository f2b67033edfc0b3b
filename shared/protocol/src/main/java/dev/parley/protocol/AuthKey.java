package dev.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The credential a client sends instead of the password: PBKDF2-HMAC-SHA256 over the password,
 * salted with the canonical username. The server stores a bcrypt hash of it and so never sees the
 * password that also seals the client's local key store (which uses its own random salt).
 *
 * <pre>
 * authKey = PBKDF2-HMAC-SHA256(password (UTF-8), salt = "parley-auth-v1" ‖ 0x00 ‖ username (UTF-8),
 *                              iterations, 32 bytes)
 * </pre>
 *
 * On the wire it is the standard base64 of those 32 bytes (44 characters).
 */
public final class AuthKey {
  /** Iterations every client uses, so any device derives the same key from the same password. */
  public static final int ITERATIONS = 600_000;

  /** Length of the derived key in bytes. */
  public static final int BYTES = Limits.AUTH_KEY_BYTES;

  private static final byte[] SALT_PREFIX =
      "parley-auth-v1\u0000".getBytes(StandardCharsets.US_ASCII);

  private AuthKey() {}

  /** The authentication key for {@code username} and {@code password}, base64 encoded. */
  public static String derive(String username, char[] password, int iterations) {
    byte[] name = UsernameRules.canonical(username).getBytes(StandardCharsets.UTF_8);
    byte[] salt = Arrays.copyOf(SALT_PREFIX, SALT_PREFIX.length + name.length);
    System.arraycopy(name, 0, salt, SALT_PREFIX.length, name.length);
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, BYTES * 8);
    try {
      byte[] key =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      try {
        return Base64.getEncoder().encodeToString(key);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** The key with the standard {@link #ITERATIONS}. */
  public static String derive(String username, char[] password) {
    return derive(username, password, ITERATIONS);
  }
}
