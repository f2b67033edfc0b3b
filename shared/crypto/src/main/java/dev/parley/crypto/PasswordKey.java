package dev.parley.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A 256-bit key derived from the user's password with PBKDF2-HMAC-SHA256, and a check value that
 * tells a wrong password apart from damaged data without weakening the password: testing a guess
 * costs the same PBKDF2 run. The version-1 key-store file uses {@link #derive} (512 bits of PBKDF2
 * output, which costs two full runs); the account database uses {@link #deriveCompact} (one run of
 * 256 bits, split by HKDF), which halves the time a login waits for the unlock.
 *
 * @param key the derived key (first half of the 512-bit PBKDF2 output)
 * @param check SHA-256 of the second half, stored beside the salt
 */
public record PasswordKey(byte[] key, byte[] check) {
  /** PBKDF2 iterations for new stores (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** Fewest iterations accepted, so tests can be fast without a store ever being trivial. */
  public static final int MIN_ITERATIONS = 1_000;

  /** Most iterations a stored header may ask for, so a damaged one cannot hang the unlock. */
  public static final int MAX_ITERATIONS = 100_000_000;

  /** Bytes of salt. */
  public static final int SALT_BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh random salt. */
  public static byte[] newSalt() {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return salt;
  }

  /** Derives the key and check value of {@code password} under {@code salt}. */
  public static PasswordKey derive(char[] password, byte[] salt, int iterations) {
    byte[] derived = pbkdf2(password, salt, iterations, 512);
    try {
      byte[] check =
          MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(derived, 32, 64));
      return new PasswordKey(Arrays.copyOf(derived, 32), check);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /**
   * Derives the key and check value from one 256-bit PBKDF2 block: HKDF-SHA256 expands it into the
   * key ("parley password key") and the check value ("parley password check").
   */
  public static PasswordKey deriveCompact(char[] password, byte[] salt, int iterations) {
    byte[] block = pbkdf2(password, salt, iterations, 256);
    try {
      return new PasswordKey(
          Hkdf.derive(block, null, "parley password key".getBytes(StandardCharsets.US_ASCII), 32),
          Hkdf.derive(
              block, null, "parley password check".getBytes(StandardCharsets.US_ASCII), 32));
    } finally {
      Arrays.fill(block, (byte) 0);
    }
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bits) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "PBKDF2 iterations must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
    }
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** True when this key's check value is {@code stored} (compared in constant time). */
  public boolean matches(byte[] stored) {
    return MessageDigest.isEqual(check, stored);
  }
}
