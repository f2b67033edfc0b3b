package dev.parley.crypto;

/** An incoming envelope could not be decrypted; the session is left exactly as it was. */
public class DecryptionException extends CryptoException {
  /** Why decryption failed, in terms a log line can carry. */
  public enum Reason {
    /** Bytes were altered, truncated, or not produced by this session. */
    INVALID,
    /** The message was already decrypted once (replay, or a duplicate delivery). */
    DUPLICATE,
    /** Accepting it would mean storing more skipped message keys than allowed. */
    TOO_MANY_SKIPPED,
    /** The envelope needs a one-time or signed prekey this device does not have. */
    UNKNOWN_PREKEY,
    /** There is no session with this peer and the envelope cannot start one. */
    NO_SESSION,
    /** The envelope's format version is not understood by this build. */
    UNSUPPORTED_VERSION,
    /**
     * An ephemeral notice (typing) came under an identity other than the one on record, or tried to
     * start a session: only stored messages may go through the key-change flow.
     */
    UNTRUSTED_IDENTITY,
    /** This device already keeps the most peers it will; a new one is refused, never evicted. */
    TOO_MANY_PEERS
  }

  private final Reason reason;

  /** A failure of the given kind. */
  public DecryptionException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A failure of the given kind with its cause. */
  public DecryptionException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The kind of failure. */
  public Reason reason() {
    return reason;
  }
}
