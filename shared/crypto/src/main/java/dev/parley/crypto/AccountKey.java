package dev.parley.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The random 256-bit key that seals one account's database, kept on disk only wrapped (AES-256-GCM)
 * under the key derived from the user's password ({@link PasswordKey}). Changing the password
 * re-wraps this key and rewrites nothing else. From it come, by HKDF, the key that seals rows and
 * the key of the tags that stand in for names (so a peer's name never appears in clear, yet rows
 * can be looked up by it).
 */
public final class AccountKey {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] WRAP_AD = "parley account key v1".getBytes(StandardCharsets.US_ASCII);
  private static final int TAG_BYTES = 16;

  private final byte[] key;
  private final LocalDataCipher rows;
  private final SecretKeySpec tagKey;

  private AccountKey(byte[] key) {
    this.key = Bytes.requireLength(key, 32, "account key");
    this.rows = new LocalDataCipher(derive("parley rows v1"));
    this.tagKey = new SecretKeySpec(derive("parley tags v1"), "HmacSHA256");
  }

  /** The account key, wrapped under a password: what the database stores. */
  public record Wrapped(int iterations, byte[] salt, byte[] check, byte[] sealedKey) {}

  /** A new random account key. */
  public static AccountKey generate() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return new AccountKey(k);
  }

  /** This key wrapped under {@code password} with a fresh salt. */
  public Wrapped wrap(char[] password, int iterations) {
    byte[] salt = PasswordKey.newSalt();
    PasswordKey pk = PasswordKey.deriveCompact(password, salt, iterations);
    try {
      return new Wrapped(
          iterations, salt, pk.check(), new LocalDataCipher(pk.key()).seal(key, WRAP_AD));
    } finally {
      Arrays.fill(pk.key(), (byte) 0);
    }
  }

  /**
   * Unwraps a stored key with {@code password}.
   *
   * @throws WrongPasswordException when the password is not the one it was wrapped under
   * @throws CorruptKeyStoreException when the stored key is damaged
   */
  public static AccountKey unwrap(Wrapped w, char[] password)
      throws WrongPasswordException, CorruptKeyStoreException {
    PasswordKey pk;
    try {
      pk = PasswordKey.deriveCompact(password, w.salt(), w.iterations());
    } catch (IllegalArgumentException badHeader) {
      throw new CorruptKeyStoreException("the account's key-derivation header is damaged");
    }
    if (!pk.matches(w.check())) {
      throw new WrongPasswordException();
    }
    try {
      return new AccountKey(new LocalDataCipher(pk.key()).open(w.sealedKey(), WRAP_AD));
    } catch (CryptoException e) {
      throw new CorruptKeyStoreException("the account key is damaged", e);
    } finally {
      Arrays.fill(pk.key(), (byte) 0);
    }
  }

  /** The cipher that seals the database's rows. */
  public LocalDataCipher rows() {
    return rows;
  }

  /**
   * A 128-bit keyed tag (HMAC-SHA256) of {@code value} in namespace {@code kind}: equal inputs give
   * equal tags, and without the key nothing can be learnt from a tag.
   */
  public byte[] tag(String kind, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(tagKey);
      mac.update(kind.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private byte[] derive(String info) {
    return Hkdf.derive(key, null, info.getBytes(StandardCharsets.US_ASCII), 32);
  }
}
