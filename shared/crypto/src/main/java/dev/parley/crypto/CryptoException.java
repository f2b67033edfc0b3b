package dev.parley.crypto;

/** Base of every failure the end-to-end layer reports; the message never contains key material. */
public class CryptoException extends Exception {
  /** A failure with a readable reason. */
  public CryptoException(String message) {
    super(message);
  }

  /** A failure with a readable reason and its cause. */
  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
