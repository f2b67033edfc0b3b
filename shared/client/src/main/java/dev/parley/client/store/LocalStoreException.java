package dev.parley.client.store;

/** The account's local database could not store something; nothing of it was kept. */
public final class LocalStoreException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A failure with the reason {@code cause}. */
  public LocalStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
