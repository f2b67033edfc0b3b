package dev.parley.client.api;

/**
 * The server's certificate is not (or no longer) the one this user trusts; nothing was sent. The
 * user decides: {@link ParleyClient#trustServer} accepts {@link #presented()}.
 */
public class ServerTrustException extends RuntimeException {
  private final ServerAddress address;
  private final String pinned;
  private final String presented;

  /** A first contact ({@code pinned} null) or a changed certificate. */
  public ServerTrustException(ServerAddress address, String pinned, String presented) {
    this(
        address,
        pinned,
        presented,
        pinned == null
            ? "First connection to " + address + ": confirm its fingerprint " + presented
            : "The certificate of "
                + address
                + " changed from "
                + pinned
                + " to "
                + presented
                + ". This can mean someone is intercepting the connection.");
  }

  /** As above, saying {@code message}. */
  public ServerTrustException(
      ServerAddress address, String pinned, String presented, String message) {
    super(message);
    this.address = address;
    this.pinned = pinned;
    this.presented = presented;
  }

  /** The server concerned. */
  public ServerAddress address() {
    return address;
  }

  /** The fingerprint trusted before, or null on first contact. */
  public String pinned() {
    return pinned;
  }

  /** The fingerprint the server presented now. */
  public String presented() {
    return presented;
  }

  /** True when a previously trusted certificate changed (the dangerous case). */
  public boolean changed() {
    return pinned != null;
  }
}
