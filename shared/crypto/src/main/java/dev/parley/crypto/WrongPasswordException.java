package dev.parley.crypto;

/** The key store exists and is intact, but the password does not open it. */
public class WrongPasswordException extends CryptoException {
  /** A wrong password. */
  public WrongPasswordException() {
    super("The password does not open this key store.");
  }
}
