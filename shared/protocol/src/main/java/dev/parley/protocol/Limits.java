package dev.parley.protocol;

/**
 * Every number of docs/PROTOCOL.md §2, §4 and §5 in one place: frame and field sizes that both
 * sides check, and the defaults of the server's configurable limits. A limit that is a server
 * setting is named {@code DEFAULT_…}; the server may be configured otherwise.
 */
public final class Limits {
  private Limits() {}

  // ---- framing (§2) ---------------------------------------------------------------------------

  /** Default longest frame in bytes, newline excluded (the server's {@code maxFrameBytes}). */
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

  /** Longest frame a client accepts from a server, newline excluded. */
  public static final int CLIENT_MAX_FRAME_BYTES = 1 << 20;

  /** Deepest nesting of objects and arrays, the frame itself being level 1. */
  public static final int MAX_JSON_DEPTH = 32;

  /** Longest request {@code id}, in characters. */
  public static final int MAX_ID_CHARS = 64;

  /** Longest frame {@code type}, in characters. */
  public static final int MAX_TYPE_CHARS = 32;

  // ---- fields (§4–§8) -------------------------------------------------------------------------

  /** Longest {@code software} of a {@code hello}, in characters. */
  public static final int MAX_SOFTWARE_CHARS = 128;

  /** Longest server {@code name} in the server's {@code hello}, in characters. */
  public static final int MAX_SERVER_NAME_CHARS = 1024;

  /**
   * Longest user-naming field of a request, in characters, read before the username rules (a longer
   * one is {@code bad_request}, a shorter invalid one {@code unknown_user}).
   */
  public static final int MAX_USER_FIELD_CHARS = 64;

  /** Shortest username, in characters. */
  public static final int USERNAME_MIN_CHARS = 3;

  /** Longest username, in characters. */
  public static final int USERNAME_MAX_CHARS = 32;

  /** Longest {@code msgId}, in characters. */
  public static final int MAX_MSG_ID_CHARS = 64;

  /**
   * Largest envelope a {@code send} may carry, in decoded bytes (48,128): in base64, with the rest
   * of the frame, it still fits the default 64 KiB frame (48 KiB would not: it alone encodes to 64
   * KiB).
   */
  public static final int MAX_ENVELOPE_BYTES = 47 * 1024;

  /**
   * Most messages one {@code ack} ({@code messages}) or receipts one {@code ack_receipt} ({@code
   * rids}) confirms, from protocol version 2: 256 of the longest names and ids fit the default 64
   * KiB frame.
   */
  public static final int MAX_ACKS_PER_FRAME = 256;

  /** Largest opaque payload of a {@code typing} request, in decoded bytes. */
  public static final int MAX_TYPING_BYTES = 2 * 1024;

  /** Largest envelope a client accepts in a {@code message} event, in decoded bytes. */
  public static final int CLIENT_MAX_MESSAGE_ENVELOPE_BYTES = 1 << 20;

  /** Largest payload a client accepts in a {@code typing} event, in decoded bytes. */
  public static final int CLIENT_MAX_TYPING_ENVELOPE_BYTES = 1 << 16;

  /** Largest message payload a client stores and sends, before encryption, in bytes. */
  public static final int CLIENT_MAX_PAYLOAD_BYTES = 32 * 1024;

  /** Length of a public key (X25519 or Ed25519), in bytes. */
  public static final int KEY_BYTES = 32;

  /** Length of an Ed25519 signature, in bytes. */
  public static final int SIGNATURE_BYTES = 64;

  /** Length of an auth key, in bytes (its base64 is {@link #AUTH_KEY_CHARS} characters). */
  public static final int AUTH_KEY_BYTES = 32;

  /** Length of an auth key's standard base64 text. */
  public static final int AUTH_KEY_CHARS = (AUTH_KEY_BYTES + 2) / 3 * 4;

  /** Longest password field, in UTF-16 code units; longer is {@code too_large}. */
  public static final int MAX_PASSWORD_CHARS = 256;

  /** Fewest characters (code points) of a password. */
  public static final int PASSWORD_MIN_CHARS = 8;

  /** Most UTF-8 bytes of a password: bcrypt ignores everything after the 72nd byte. */
  public static final int PASSWORD_MAX_BYTES = 72;

  /** Largest prekey id (and signed prekey id): ids are {@code 0 … 2^31-1}. */
  public static final int MAX_PREKEY_ID = Integer.MAX_VALUE;

  /** One-time prekeys per {@code publish_keys}. */
  public static final int MAX_PREKEYS_PER_UPLOAD = 200;

  /** One-time prekeys the server stores per user. */
  public static final int MAX_STORED_PREKEYS = 1000;

  /** Fewer one-time prekeys than this on the server trigger {@code keys_low}. */
  public static final int KEYS_LOW_THRESHOLD = 20;

  /** Longest error {@code message} a client accepts, in characters. */
  public static final int MAX_ERROR_MESSAGE_CHARS = 1024;

  /** Longest error {@code code} a client accepts, in characters. */
  public static final int MAX_ERROR_CODE_CHARS = 64;

  /** Most {@code rules} an error names (the password policy has five). */
  public static final int MAX_ERROR_RULES = 16;

  /** Longest receipt {@code status}, in characters. */
  public static final int MAX_STATUS_CHARS = 32;

  /** Most contacts a client accepts in one {@code list_contacts} answer. */
  public static final int MAX_CONTACTS_LISTED = 100_000;

  // ---- server defaults (§4, §5, §8) -----------------------------------------------------------

  /** Requests per second per connection, sustained. */
  public static final int DEFAULT_REQUESTS_PER_SECOND = 2_000;

  /** Requests per connection in a burst. */
  public static final int DEFAULT_REQUEST_BURST = 4_000;

  /** Refused lines, in bursts beyond the allowance, before a connection is closed. */
  public static final int MAX_DEBT_BURSTS = 10;

  /** Connections in all. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

  /** Connections kept for logged-in users: a tenth of {@link #DEFAULT_MAX_CONNECTIONS}. */
  public static final int DEFAULT_RESERVED_CONNECTIONS = DEFAULT_MAX_CONNECTIONS / 10;

  /** Not-logged-in connections from one address. */
  public static final int DEFAULT_MAX_ANONYMOUS_PER_ADDRESS = 16;

  /** Not-logged-in connections from one IPv6 /64. */
  public static final int DEFAULT_MAX_ANONYMOUS_PER_IPV6_PREFIX = 256;

  /** Time to log in after connecting (or after a logout), in seconds. */
  public static final int DEFAULT_LOGIN_TIMEOUT_SECONDS = 30;

  /** Silence after which the server pings, and after another as long closes, in seconds. */
  public static final int DEFAULT_IDLE_SECONDS = 60;

  /** Undelivered messages per recipient. */
  public static final int DEFAULT_QUEUE_MESSAGES = 10_000;

  /** Undelivered envelope bytes per recipient. */
  public static final long DEFAULT_QUEUE_BYTES = 64L << 20;

  /** One sender's share of one recipient's queue, in messages. */
  public static final int DEFAULT_SENDER_SHARE_MESSAGES = 1_000;

  /** One sender's share of one recipient's queue, in envelope bytes. */
  public static final long DEFAULT_SENDER_SHARE_BYTES = 16L << 20;

  /** All non-contacts' share of one recipient's queue, in messages. */
  public static final int DEFAULT_STRANGER_POOL_MESSAGES = 2_500;

  /** All non-contacts' share of one recipient's queue, in envelope bytes. */
  public static final long DEFAULT_STRANGER_POOL_BYTES = 16L << 20;

  /** Free disk space a {@code send} must leave, in bytes. */
  public static final long DEFAULT_MIN_FREE_DISK_BYTES = 256L << 20;

  /** {@code fetch_bundle}s per requesting user in a burst. */
  public static final int DEFAULT_BUNDLE_FETCH_BURST = 20;

  /** {@code fetch_bundle}s per requesting user per minute, sustained. */
  public static final int DEFAULT_BUNDLE_FETCHES_PER_MINUTE = 6;

  /** One-time prekeys handed out per owner in a burst. */
  public static final int DEFAULT_PREKEY_BURST = 10;

  /** One-time prekeys handed out per owner per minute, sustained. */
  public static final int DEFAULT_PREKEYS_PER_MINUTE = 3;

  /** Failed logins per address and account before a lock. */
  public static final int LOGIN_FAILURES_PER_ACCOUNT = 5;

  /** Failed logins per address on all accounts before a lock. */
  public static final int DEFAULT_LOGIN_FAILURES_PER_ADDRESS = 20;

  /** Password checks and hashes per address in a burst. */
  public static final int DEFAULT_HASH_BURST_PER_ADDRESS = 30;

  /** Password checks and hashes per address per minute, sustained. */
  public static final int DEFAULT_HASHES_PER_MINUTE_PER_ADDRESS = 30;

  /** Password checks and hashes per account in a burst. */
  public static final int DEFAULT_HASH_BURST_PER_ACCOUNT = 10;

  /** Password checks and hashes per account per minute, sustained. */
  public static final int DEFAULT_HASHES_PER_MINUTE_PER_ACCOUNT = 6;

  /** New accounts per address per hour. */
  public static final int DEFAULT_REGISTRATIONS_PER_ADDRESS = 10;

  /** Unsent bytes above which the server stops reading a connection. */
  public static final int OUTBOUND_HIGH_WATER_MARK = 256 << 10;

  /** Unsent bytes below which it reads again. */
  public static final int OUTBOUND_LOW_WATER_MARK = 64 << 10;

  /**
   * Writes queued for the database's writer thread above which the server reads no further requests
   * from any connection, until half are left: what a crowd of clients sends faster than the writer
   * takes it then waits in the kernel's socket buffers, not in the heap. Well above what a
   * saturated relay queues (about 22,000 at 1,000 connections flat out): a bound lower than that
   * measured about 10 % less throughput (PERFORMANCE.md).
   */
  public static final int DEFAULT_WRITER_BACKLOG = 65_536;

  /** The same bound on the bytes the queued writes carry (envelopes, mostly). */
  public static final long DEFAULT_WRITER_BACKLOG_BYTES = 64L << 20;

  /** Unsent bytes above which a connection is closed at once. */
  public static final long DEFAULT_MAX_OUTBOUND_BYTES = 4L << 20;

  /** Silence after which Parley's client pings the server, in seconds. */
  public static final int DEFAULT_CLIENT_PING_AFTER_SECONDS = 5;

  /** How long Parley's client waits for the answer to its ping, in seconds. */
  public static final int DEFAULT_CLIENT_PING_DEADLINE_SECONDS = 10;

  /** How long an error frame may take to leave before the connection is closed, in ms. */
  public static final long CLOSE_GRACE_MILLIS = 2_000;

  /**
   * How long the server's relay holds a sent message (or receipt) for an online recipient in memory
   * before writing it, by default: long enough for the acknowledgement to arrive first even when
   * the server is queueing under load (so most messages are never written). One for someone offline
   * is written at once, so its sender does not wait.
   */
  public static final java.time.Duration DEFAULT_RELAY_WINDOW = java.time.Duration.ofSeconds(1);

  /** The longest relay window a server may be configured with. */
  public static final java.time.Duration MAX_RELAY_WINDOW = java.time.Duration.ofSeconds(5);

  /** How long the server remembers a {@code (sender, msgId)} pair, in ms (30 days). */
  public static final long DEDUP_RETENTION_MILLIS = 30L * 24 * 3600 * 1000;
}
