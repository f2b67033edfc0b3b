package dev.parley.server.store;

/**
 * What the users table holds to check a login.
 *
 * @param hash the bcrypt hash
 * @param scheme what was hashed
 */
public record Credentials(String hash, Scheme scheme) {

  /** What a stored bcrypt hash is a hash of; {@link #code} is the {@code users.scheme} column. */
  public enum Scheme {
    /** The password itself: accounts created before auth keys (legacy). */
    PASSWORD(0),
    /** The base64 text of the client's auth key ({@code dev.parley.protocol.AuthKey}). */
    AUTH_KEY(1);

    private final int code;

    Scheme(int code) {
      this.code = code;
    }

    /** The value stored in the database. */
    public int code() {
      return code;
    }

    /** The scheme stored as {@code code}. */
    public static Scheme of(int code) {
      for (Scheme s : values()) {
        if (s.code == code) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown credential scheme " + code);
    }
  }
}
