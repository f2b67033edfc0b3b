package dev.parley.crypto;

/** A peer's prekey bundle is malformed or its signed prekey signature does not verify. */
public class InvalidBundleException extends CryptoException {
  /** A rejected bundle. */
  public InvalidBundleException(String message) {
    super(message);
  }
}
