package dev.parley.crypto;

/** The key-store file is truncated, damaged or of an unknown version. */
public class CorruptKeyStoreException extends CryptoException {
  /** A damaged store. */
  public CorruptKeyStoreException(String message) {
    super(message);
  }

  /** A damaged store, with the cause. */
  public CorruptKeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
