package dev.parley.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The device's secrets on disk, sealed with AES-256-GCM under a key derived from the user's
 * password with PBKDF2-HMAC-SHA256. Layout (all integers big-endian):
 *
 * <pre>
 * "PARLEYKS" | u8 version (1) | u8 kdf (1 = PBKDF2-HMAC-SHA256) | i32 iterations | salt(16)
 *   | check(32) | nonce(12) | AES-GCM(contents) with everything before it as associated data
 * </pre>
 *
 * The check value (SHA-256 of the second half of the derived key) tells a wrong password apart from
 * a damaged file without weakening the password: testing a guess costs the same PBKDF2 run. Writes
 * go to a temporary file that is synced and then atomically renamed over the old one, so a failed
 * write never destroys the previous store.
 */
public final class KeyStoreFile {
  /** PBKDF2 iterations for new stores. */
  public static final int DEFAULT_ITERATIONS = PasswordKey.DEFAULT_ITERATIONS;

  /** Fewest iterations accepted. */
  public static final int MIN_ITERATIONS = PasswordKey.MIN_ITERATIONS;

  private static final byte[] MAGIC = "PARLEYKS".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int KDF_PBKDF2_SHA256 = 1;
  private static final int HEADER = 8 + 1 + 1 + 4 + 16 + 32 + 12;
  private static final int MAX_FILE = 64 << 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path path;
  private KeyStoreContents contents;
  private int iterations;
  private byte[] salt;
  private byte[] key;
  private byte[] check;

  private KeyStoreFile(Path path, KeyStoreContents contents) {
    this.path = path;
    this.contents = contents;
  }

  /** Seals {@code contents} into a new file at {@code path} with the default iteration count. */
  public static KeyStoreFile create(Path path, char[] password, KeyStoreContents contents)
      throws IOException {
    return create(path, password, contents, DEFAULT_ITERATIONS);
  }

  /** Like {@link #create(Path, char[], KeyStoreContents)} with a chosen PBKDF2 iteration count. */
  public static KeyStoreFile create(
      Path path, char[] password, KeyStoreContents contents, int iterations) throws IOException {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations");
    }
    KeyStoreFile f = new KeyStoreFile(path, contents);
    f.rekey(password, iterations);
    f.save();
    return f;
  }

  /** True when a store exists at {@code path}. */
  public static boolean exists(Path path) {
    return Files.isRegularFile(path);
  }

  /** Opens and decrypts the store at {@code path}. */
  public static KeyStoreFile open(Path path, char[] password)
      throws IOException, WrongPasswordException, CorruptKeyStoreException {
    if (Files.size(path) > MAX_FILE) {
      throw new CorruptKeyStoreException("the key store is implausibly large");
    }
    byte[] data = Files.readAllBytes(path);
    if (data.length < HEADER + 16) {
      throw new CorruptKeyStoreException("the key store is truncated");
    }
    ByteBuffer in = ByteBuffer.wrap(data);
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new CorruptKeyStoreException("this is not a Parley key store");
    }
    int version = in.get() & 0xFF;
    if (version != VERSION) {
      throw new CorruptKeyStoreException("key store version " + version + " is not supported");
    }
    int kdf = in.get() & 0xFF;
    int iterations = in.getInt();
    if (kdf != KDF_PBKDF2_SHA256
        || iterations < MIN_ITERATIONS
        || iterations > PasswordKey.MAX_ITERATIONS) {
      throw new CorruptKeyStoreException("the key store's key-derivation header is damaged");
    }
    byte[] salt = new byte[16];
    in.get(salt);
    byte[] check = new byte[32];
    in.get(check);
    PasswordKey derived = PasswordKey.derive(password, salt, iterations);
    if (!derived.matches(check)) {
      throw new WrongPasswordException();
    }
    byte[] key = derived.key();
    KeyStoreContents contents = unseal(data, key);
    KeyStoreFile f = new KeyStoreFile(path, contents);
    f.iterations = iterations;
    f.salt = salt;
    f.key = key;
    f.check = check;
    return f;
  }

  private static KeyStoreContents unseal(byte[] data, byte[] key) throws CorruptKeyStoreException {
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(128, data, HEADER - 12, 12));
      c.updateAAD(data, 0, HEADER);
      plain = c.doFinal(data, HEADER, data.length - HEADER);
    } catch (AEADBadTagException e) {
      throw new CorruptKeyStoreException("the key store is damaged (authentication failed)", e);
    } catch (GeneralSecurityException e) {
      throw new CorruptKeyStoreException("the key store cannot be decrypted", e);
    }
    try {
      return KeyStoreContents.fromBytes(plain);
    } catch (IllegalArgumentException e) {
      throw new CorruptKeyStoreException("the key store's contents are damaged", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Reads the file again, dropping changes to {@link #contents()} that were not saved (the caller
   * must stop using the old contents).
   */
  public synchronized void reload() throws IOException, CorruptKeyStoreException {
    byte[] data = Files.readAllBytes(path);
    if (data.length < HEADER + 16) {
      throw new CorruptKeyStoreException("the key store is truncated");
    }
    contents = unseal(data, key);
  }

  /** The decrypted contents; call {@link #save()} after changing them. */
  public KeyStoreContents contents() {
    return contents;
  }

  /** Where the store lives. */
  public Path path() {
    return path;
  }

  /** PBKDF2 iterations protecting this store. */
  public int iterations() {
    return iterations;
  }

  /** Re-seals the current contents atomically (same password, fresh nonce). */
  public synchronized void save() throws IOException {
    byte[] plain = contents.toBytes();
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    ByteBuffer header =
        ByteBuffer.allocate(HEADER)
            .put(MAGIC)
            .put((byte) VERSION)
            .put((byte) KDF_PBKDF2_SHA256)
            .putInt(iterations)
            .put(salt)
            .put(check)
            .put(nonce);
    byte[] sealed;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      c.updateAAD(header.array());
      sealed = c.doFinal(plain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    writeAtomically(path, header.array(), sealed);
  }

  /** Re-derives the key from a new password (new salt) and re-seals the store. */
  public synchronized void changePassword(char[] newPassword) throws IOException {
    rekey(newPassword, Math.max(iterations, MIN_ITERATIONS));
    save();
  }

  private void rekey(char[] password, int iterations) {
    this.iterations = iterations;
    this.salt = PasswordKey.newSalt();
    PasswordKey derived = PasswordKey.derive(password, salt, iterations);
    this.key = derived.key();
    this.check = derived.check();
  }

  /** Writes via a synced temporary file and an atomic rename; the old file survives any failure. */
  static void writeAtomically(Path target, byte[]... parts) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        for (byte[] p : parts) {
          ByteBuffer b = ByteBuffer.wrap(p);
          while (b.hasRemaining()) {
            ch.write(b);
          }
        }
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (NoSuchFileException ignored) {
        // already renamed
      }
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // Some platforms (Windows) cannot open directories; the rename is still atomic there.
    }
  }
}
