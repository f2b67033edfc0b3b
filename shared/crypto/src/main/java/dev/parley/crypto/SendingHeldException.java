package dev.parley.crypto;

/**
 * Nothing may be encrypted for a peer whose verified identity changed until the user accepted the
 * new safety number (as Signal and Element hold messages to a verified contact).
 */
public final class SendingHeldException extends IllegalStateException {
  private final String peer;

  /** Sending to {@code peer} is held. */
  public SendingHeldException(String peer) {
    super("The safety number with " + peer + " changed; accept or verify it before sending.");
    this.peer = peer;
  }

  /** The peer messages to whom are held. */
  public String peer() {
    return peer;
  }
}
