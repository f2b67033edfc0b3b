package dev.parley.crypto;

/**
 * A user's decision (verify, accept) was about one identity, but another is on record for the peer
 * by now: it is refused, so a key that arrived while the user compared is never approved by it.
 */
public final class IdentityMismatchException extends IllegalStateException {
  private final String peer;

  /** The decision about {@code peer} does not match what is on record ({@code why}). */
  public IdentityMismatchException(String peer, String why) {
    super(
        "The safety number with "
            + peer
            + " is not the one you looked at ("
            + why
            + "). Compare the current one.");
    this.peer = peer;
  }

  /** The peer the decision was about. */
  public String peer() {
    return peer;
  }
}
