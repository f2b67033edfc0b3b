package dev.parley.client.api;

/**
 * The keys a contact published (as the server handed them out) are malformed or their signed prekey
 * signature does not verify: no session can be started, so a message to them cannot go.
 */
public final class InvalidPeerKeysException extends RuntimeException {
  /** The keys of {@code peer} were refused for {@code cause}. */
  public InvalidPeerKeysException(String peer, Throwable cause) {
    super("The keys " + peer + " published are invalid (" + cause.getMessage() + ").", cause);
  }
}
