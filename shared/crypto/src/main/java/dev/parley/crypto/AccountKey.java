package dev.parley.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /** Tags remembered per key (each names a peer the account talks to; the oldest goes first). */
  static final int CACHED_TAGS = 1024;

  private final byte[] key;
  private final LocalDataCipher rows;
  // One Mac, initialised once, and the tags it made: every received text and receipt looks its peer
  // up by tag, and a fresh Mac per call (provider lookup, key setup) was a visible part of that.
  // Guarded by this object's lock: an account key is made on the unlock thread, then used on the
  // client thread.
  private final Mac tagMac;
  private final Map<TagInput, byte[]> tags =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TagInput, byte[]> eldest) {
          return size() > CACHED_TAGS;
        }
      };

  private record TagInput(String kind, String value) {}

  private AccountKey(byte[] key) {
    this.key = Bytes.requireLength(key, 32, "account key");
    this.rows = new LocalDataCipher(derive("parley rows v1"));
    try {
      this.tagMac = Mac.getInstance("HmacSHA256");
      tagMac.init(new SecretKeySpec(derive("parley tags v1"), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
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
  public synchronized byte[] tag(String kind, String value) {
    TagInput in = new TagInput(kind, value);
    byte[] t = tags.get(in);
    if (t == null) {
      byte[] k = kind.getBytes(StandardCharsets.UTF_8);
      byte[] v = value.getBytes(StandardCharsets.UTF_8);
      tagMac.update(k);
      tagMac.update((byte) 0);
      t = Arrays.copyOf(tagMac.doFinal(v), TAG_BYTES);
      tags.put(in, t);
    }
    return t.clone();
  }

  private byte[] derive(String info) {
    return Hkdf.derive(key, null, info.getBytes(StandardCharsets.US_ASCII), 32);
  }
}
