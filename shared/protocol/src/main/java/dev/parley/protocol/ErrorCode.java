package dev.parley.protocol;

import java.util.Locale;

/** Stable error codes carried in {@code error} frames; clients switch on them. */
public enum ErrorCode {
  /** Malformed frame, unknown type, missing or wrongly typed field. */
  BAD_REQUEST,
  /** The frame exceeded the maximum frame size; the connection is closed. */
  TOO_LARGE,
  /** The client's protocol version is not supported; the connection is closed. */
  UNSUPPORTED_VERSION,
  /** The request needs a logged-in session. */
  NOT_LOGGED_IN,
  /** The request is only valid before logging in. */
  ALREADY_LOGGED_IN,
  /** The username breaks the username rules. */
  INVALID_USERNAME,
  /** The password breaks one or more rules; {@code rules} lists them. */
  WEAK_PASSWORD,
  /** Somebody already has that username. */
  USERNAME_TAKEN,
  /** The server does not let clients create accounts; the admin adds them. */
  REGISTRATION_CLOSED,
  /** Unknown username or wrong password (deliberately the same error). */
  BAD_CREDENTIALS,
  /**
   * An {@code authKey} login to an account that still holds a password hash: log in once with both
   * the password and the auth key to convert it.
   */
  UPGRADE_REQUIRED,
  /** Too many attempts or requests; {@code retryAfterMs} says when to try again. */
  RATE_LIMITED,
  /** The named user does not exist. */
  UNKNOWN_USER,
  /** The named user has not published keys yet. */
  NO_KEYS,
  /** The recipient's offline queue is full. */
  QUEUE_FULL,
  /** The server is at its connection or work limit. */
  SERVER_BUSY,
  /** The client did not log in in time, or stayed silent too long. */
  TIMEOUT,
  /** The same account logged in from another connection; this one is closed. */
  SESSION_REPLACED,
  /** The server failed unexpectedly; the request may be retried. */
  INTERNAL;

  /** The wire form, e.g. {@code weak_password}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire form; unknown codes map to {@link #INTERNAL}. */
  public static ErrorCode fromWire(String code) {
    try {
      return valueOf(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      return INTERNAL;
    }
  }
}
