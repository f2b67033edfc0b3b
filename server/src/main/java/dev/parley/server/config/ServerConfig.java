package dev.parley.server.config;

import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a server instance needs to start; {@link #builder(Path)} fills in the defaults.
 *
 * @param dataDir folder for the database and TLS identity
 * @param bindAddress address to listen on ({@code 0.0.0.0} for all)
 * @param port TCP port, 0 for any free port
 * @param name server name shown to users
 * @param bcryptCost jBCrypt log rounds for new password hashes
 * @param maxConnections simultaneous connections before new ones are refused
 * @param maxFrameBytes longest accepted frame, newline excluded
 * @param certFile admin-supplied PEM certificate, or null to use the generated one
 * @param keyFile admin-supplied PEM private key, or null
 * @param loginTimeout time a connection may stay open without logging in
 * @param idleTimeout silence after which the server pings, and after twice which it disconnects
 * @param requestsPerSecond sustained per-connection request rate
 * @param requestBurst per-connection burst allowance
 * @param queueLimit most undelivered messages kept per recipient
 * @param discovery announce the server on the LAN (DNS-SD)
 * @param announceAddress announce only on this local address (null: every LAN interface)
 * @param queueBytesLimit most envelope bytes kept undelivered per recipient
 * @param senderQueueLimit most undelivered messages one sender may have queued for one recipient
 * @param senderQueueBytes most envelope bytes one sender may have queued for one recipient
 * @param minFreeDiskBytes usable space the data folder must keep; sends that would go below it are
 *     refused
 * @param bundleFetchesPerMinute sustained {@code fetch_bundle} rate per requesting user
 * @param bundleFetchBurst {@code fetch_bundle} burst allowance per requesting user
 * @param prekeyHandoutsPerMinute sustained rate at which one user's one-time prekeys are handed
 *     out; beyond it bundles go out without one
 * @param prekeyHandoutBurst burst of one-time prekeys handed out for one user
 * @param registrationOpen whether clients may create accounts ({@code --registration open})
 * @param registrationsPerAddress accounts one remote address may create per hour
 * @param loginFailuresPerAddress failed logins from one address, on any accounts, before it is
 *     locked out (docs/PROTOCOL.md §5)
 * @param maxAnonymousPerAddress simultaneous not-logged-in connections from one address (the full
 *     address, see {@link RemoteAddress}) before new ones from there are refused
 * @param reservedConnections connections that not-logged-in ones may never take: they may use at
 *     most {@code maxConnections - reservedConnections}
 * @param maxOutboundBytes unsent data beyond which a connection that does not read is closed
 * @param seenPurgeInterval how often expired de-duplication entries are deleted while running
 * @param maxAnonymousPerPrefix simultaneous not-logged-in connections from all the addresses of one
 *     IPv6 /64 together (a SLAAC LAN shares one; a host may rotate addresses within it)
 * @param strangerQueueLimit most undelivered messages all senders whom the recipient has not added
 *     as contacts may have queued for it together; the rest of its queue is kept for its contacts
 * @param strangerQueueBytes most undelivered envelope bytes of those senders together
 * @param hashesPerMinutePerAddress sustained rate of bcrypt operations (login and password-change
 *     checks, right or wrong, and the new hashes they make) started for one address
 * @param hashBurstPerAddress burst of those operations for one address
 * @param hashesPerMinutePerAccount sustained rate of bcrypt operations charged to one account (its
 *     password changes, right or wrong, and its successful logins)
 * @param hashBurstPerAccount burst of those operations for one account
 * @param relayWindow how long the relay holds a sent message (or a receipt) in memory before it
 *     writes it: one acknowledged within the window is never written (docs/decisions/0012)
 * @param writerBacklog writes queued for the database's writer thread above which no connection's
 *     further requests are read, until half as many are left
 * @param writerBacklogBytes the same bound on the bytes those queued writes carry
 */
public record ServerConfig(
    Path dataDir,
    String bindAddress,
    int port,
    String name,
    int bcryptCost,
    int maxConnections,
    int maxFrameBytes,
    Path certFile,
    Path keyFile,
    Duration loginTimeout,
    Duration idleTimeout,
    int requestsPerSecond,
    int requestBurst,
    int queueLimit,
    boolean discovery,
    String announceAddress,
    long queueBytesLimit,
    int senderQueueLimit,
    long senderQueueBytes,
    long minFreeDiskBytes,
    int bundleFetchesPerMinute,
    int bundleFetchBurst,
    int prekeyHandoutsPerMinute,
    int prekeyHandoutBurst,
    boolean registrationOpen,
    int registrationsPerAddress,
    int loginFailuresPerAddress,
    int maxAnonymousPerAddress,
    int reservedConnections,
    long maxOutboundBytes,
    Duration seenPurgeInterval,
    int maxAnonymousPerPrefix,
    int strangerQueueLimit,
    long strangerQueueBytes,
    int hashesPerMinutePerAddress,
    int hashBurstPerAddress,
    int hashesPerMinutePerAccount,
    int hashBurstPerAccount,
    Duration relayWindow,
    int writerBacklog,
    long writerBacklogBytes) {

  /** Checks ranges. */
  public ServerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(name, "name");
    if (name.length() > Limits.MAX_SERVER_NAME_CHARS) {
      // Its hello carries the name, and no client reads a longer one.
      throw new IllegalArgumentException(
          "the server name is limited to " + Limits.MAX_SERVER_NAME_CHARS + " characters");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535");
    }
    if (bcryptCost < 4 || bcryptCost > 31) {
      throw new IllegalArgumentException("bcrypt cost must be 4..31");
    }
    if (maxConnections < 1 || maxFrameBytes < 1024 || queueLimit < 1) {
      throw new IllegalArgumentException("limits must be positive (frames at least 1 KiB)");
    }
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("--cert and --key go together");
    }
    if (queueBytesLimit < 1 || senderQueueLimit < 1 || senderQueueBytes < 1) {
      throw new IllegalArgumentException("queue limits must be positive");
    }
    if (minFreeDiskBytes < 0) {
      throw new IllegalArgumentException("the minimum free disk space cannot be negative");
    }
    if (bundleFetchesPerMinute < 1
        || bundleFetchBurst < 1
        || prekeyHandoutsPerMinute < 1
        || prekeyHandoutBurst < 1) {
      throw new IllegalArgumentException("key bundle rates and bursts must be positive");
    }
    if (registrationsPerAddress < 1 || loginFailuresPerAddress < 1) {
      throw new IllegalArgumentException("registration and login limits must be positive");
    }
    if (maxAnonymousPerAddress < 1 || maxAnonymousPerPrefix < 1) {
      throw new IllegalArgumentException("the per-address and per-/64 limits must be at least 1");
    }
    if (strangerQueueLimit < 1
        || strangerQueueLimit > queueLimit
        || strangerQueueBytes < 1
        || strangerQueueBytes > queueBytesLimit) {
      throw new IllegalArgumentException(
          "the pool for senders who are not contacts must be positive and within the queue");
    }
    if (hashesPerMinutePerAddress < 1
        || hashBurstPerAddress < 1
        || hashesPerMinutePerAccount < 1
        || hashBurstPerAccount < 1) {
      throw new IllegalArgumentException("password hashing rates and bursts must be positive");
    }
    if (reservedConnections < 0 || reservedConnections >= maxConnections) {
      throw new IllegalArgumentException(
          "reserved connections must be 0 to max-connections - 1 (got "
              + reservedConnections
              + ")");
    }
    if (maxOutboundBytes <= Limits.OUTBOUND_HIGH_WATER_MARK) {
      throw new IllegalArgumentException(
          "the outbound bound must exceed " + Limits.OUTBOUND_HIGH_WATER_MARK + " bytes");
    }
    Objects.requireNonNull(seenPurgeInterval, "seenPurgeInterval");
    if (seenPurgeInterval.isNegative() || seenPurgeInterval.isZero()) {
      throw new IllegalArgumentException("the purge interval must be positive");
    }
    Objects.requireNonNull(relayWindow, "relayWindow");
    if (relayWindow.isNegative() || relayWindow.compareTo(Limits.MAX_RELAY_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "the relay window must be between 0 and " + Limits.MAX_RELAY_WINDOW.toMillis() + " ms");
    }
    if (writerBacklog < 1 || writerBacklogBytes < 1) {
      throw new IllegalArgumentException("the writer's backlog bounds must be positive");
    }
  }

  /** Most connections that are not logged in, all addresses together. */
  public int maxAnonymousConnections() {
    return maxConnections - reservedConnections;
  }

  /** A builder with the production defaults for a server keeping its data in {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** Builds a {@link ServerConfig}. */
  public static final class Builder {
    private final Path dataDir;
    private String bindAddress = "0.0.0.0";
    private int port = ProtocolInfo.DEFAULT_PORT;
    private String name = defaultName();
    private int bcryptCost = 12;
    private int maxConnections = Limits.DEFAULT_MAX_CONNECTIONS;
    private int maxFrameBytes = Limits.DEFAULT_MAX_FRAME_BYTES;
    private Path certFile;
    private Path keyFile;
    private Duration loginTimeout = Duration.ofSeconds(Limits.DEFAULT_LOGIN_TIMEOUT_SECONDS);
    private Duration idleTimeout = Duration.ofSeconds(Limits.DEFAULT_IDLE_SECONDS);
    private int requestsPerSecond = Limits.DEFAULT_REQUESTS_PER_SECOND;
    private int requestBurst = Limits.DEFAULT_REQUEST_BURST;
    private int queueLimit = Limits.DEFAULT_QUEUE_MESSAGES;
    private boolean discovery;
    private String announceAddress;
    private long queueBytesLimit = Limits.DEFAULT_QUEUE_BYTES;
    private int senderQueueLimit = Limits.DEFAULT_SENDER_SHARE_MESSAGES;
    private long senderQueueBytes = Limits.DEFAULT_SENDER_SHARE_BYTES;
    private long minFreeDiskBytes = Limits.DEFAULT_MIN_FREE_DISK_BYTES;
    private int bundleFetchesPerMinute = Limits.DEFAULT_BUNDLE_FETCHES_PER_MINUTE;
    private int bundleFetchBurst = Limits.DEFAULT_BUNDLE_FETCH_BURST;
    private int prekeyHandoutsPerMinute = Limits.DEFAULT_PREKEYS_PER_MINUTE;
    private int prekeyHandoutBurst = Limits.DEFAULT_PREKEY_BURST;
    private boolean registrationOpen = true;
    private int registrationsPerAddress = Limits.DEFAULT_REGISTRATIONS_PER_ADDRESS;
    private int loginFailuresPerAddress = Limits.DEFAULT_LOGIN_FAILURES_PER_ADDRESS;
    private int maxAnonymousPerAddress = Limits.DEFAULT_MAX_ANONYMOUS_PER_ADDRESS;
    private Integer reservedConnections;
    private long maxOutboundBytes = Limits.DEFAULT_MAX_OUTBOUND_BYTES;
    private Duration seenPurgeInterval = Duration.ofHours(1);
    private Duration relayWindow = Limits.DEFAULT_RELAY_WINDOW;
    private int writerBacklog = Limits.DEFAULT_WRITER_BACKLOG;
    private long writerBacklogBytes = Limits.DEFAULT_WRITER_BACKLOG_BYTES;
    private int maxAnonymousPerPrefix = Limits.DEFAULT_MAX_ANONYMOUS_PER_IPV6_PREFIX;
    private Integer strangerQueueLimit;
    private Long strangerQueueBytes;
    private int hashesPerMinutePerAddress = Limits.DEFAULT_HASHES_PER_MINUTE_PER_ADDRESS;
    private int hashBurstPerAddress = Limits.DEFAULT_HASH_BURST_PER_ADDRESS;
    private int hashesPerMinutePerAccount = Limits.DEFAULT_HASHES_PER_MINUTE_PER_ACCOUNT;
    private int hashBurstPerAccount = Limits.DEFAULT_HASH_BURST_PER_ACCOUNT;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** Address to listen on. */
    public Builder bindAddress(String v) {
      bindAddress = v;
      return this;
    }

    /** Port, 0 for any. */
    public Builder port(int v) {
      port = v;
      return this;
    }

    /** Name shown to users. */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /** bcrypt cost. */
    public Builder bcryptCost(int v) {
      bcryptCost = v;
      return this;
    }

    /** Connection limit. */
    public Builder maxConnections(int v) {
      maxConnections = v;
      return this;
    }

    /** Frame size limit. */
    public Builder maxFrameBytes(int v) {
      maxFrameBytes = v;
      return this;
    }

    /** Admin-supplied certificate and key (PEM). */
    public Builder certificate(Path cert, Path key) {
      certFile = cert;
      keyFile = key;
      return this;
    }

    /** Time allowed before login. */
    public Builder loginTimeout(Duration v) {
      loginTimeout = v;
      return this;
    }

    /** Idle time before a ping. */
    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    /** Per-connection request rate and burst. */
    public Builder requestRate(int perSecond, int burst) {
      requestsPerSecond = perSecond;
      requestBurst = burst;
      return this;
    }

    /** Per-recipient queue bound. */
    public Builder queueLimit(int v) {
      queueLimit = v;
      return this;
    }

    /** Announce on the LAN (off unless asked: tests and embedded uses choose). */
    public Builder discovery(boolean on) {
      discovery = on;
      return this;
    }

    /** Announce only on this local address. */
    public Builder announceAddress(String address) {
      announceAddress = address;
      return this;
    }

    /** Per-recipient bound on queued envelope bytes. */
    public Builder queueBytesLimit(long v) {
      queueBytesLimit = v;
      return this;
    }

    /** One sender's share of one recipient's queue: messages and envelope bytes. */
    public Builder senderQueueShare(int messages, long bytes) {
      senderQueueLimit = messages;
      senderQueueBytes = bytes;
      return this;
    }

    /** Usable disk space the data folder keeps free; sends are refused below it. */
    public Builder minFreeDiskBytes(long v) {
      minFreeDiskBytes = v;
      return this;
    }

    /** Per-requester {@code fetch_bundle} rate and burst. */
    public Builder bundleFetchRate(int perMinute, int burst) {
      bundleFetchesPerMinute = perMinute;
      bundleFetchBurst = burst;
      return this;
    }

    /** Per-owner rate and burst at which one-time prekeys are handed out. */
    public Builder prekeyHandoutRate(int perMinute, int burst) {
      prekeyHandoutsPerMinute = perMinute;
      prekeyHandoutBurst = burst;
      return this;
    }

    /** Whether clients may register ({@code false}: only {@code users add} creates accounts). */
    public Builder registrationOpen(boolean open) {
      registrationOpen = open;
      return this;
    }

    /** Accounts one address may create per hour. */
    public Builder registrationsPerAddress(int v) {
      registrationsPerAddress = v;
      return this;
    }

    /** Failed logins from one address before it is locked out of every account. */
    public Builder loginFailuresPerAddress(int v) {
      loginFailuresPerAddress = v;
      return this;
    }

    /** Not-logged-in connections allowed from one (full) address. */
    public Builder maxAnonymousPerAddress(int v) {
      maxAnonymousPerAddress = v;
      return this;
    }

    /** Not-logged-in connections allowed from all addresses of one IPv6 /64 together. */
    public Builder maxAnonymousPerPrefix(int v) {
      maxAnonymousPerPrefix = v;
      return this;
    }

    /**
     * Messages that senders the recipient has not added may queue for it together (default: a
     * quarter of {@link #queueLimit}).
     */
    public Builder strangerQueueMessages(int messages) {
      strangerQueueLimit = messages;
      return this;
    }

    /**
     * Envelope bytes that senders the recipient has not added may queue for it together (default: a
     * quarter of {@link #queueBytesLimit}).
     */
    public Builder strangerQueueBytes(long bytes) {
      strangerQueueBytes = bytes;
      return this;
    }

    /** bcrypt operations per minute, and their burst, for one address. */
    public Builder hashRatePerAddress(int perMinute, int burst) {
      hashesPerMinutePerAddress = perMinute;
      hashBurstPerAddress = burst;
      return this;
    }

    /** bcrypt operations per minute, and their burst, charged to one account. */
    public Builder hashRatePerAccount(int perMinute, int burst) {
      hashesPerMinutePerAccount = perMinute;
      hashBurstPerAccount = burst;
      return this;
    }

    /** Connections kept for logged-in users (default: a tenth of the connection limit). */
    public Builder reservedConnections(int v) {
      reservedConnections = v;
      return this;
    }

    /** Unsent bytes beyond which a connection that does not read is closed. */
    public Builder maxOutboundBytes(long v) {
      maxOutboundBytes = v;
      return this;
    }

    /** Period of the purge of expired de-duplication entries. */
    public Builder seenPurgeInterval(Duration v) {
      seenPurgeInterval = v;
      return this;
    }

    /**
     * Writes (and the bytes they carry) queued for the database's writer above which the server
     * reads no further requests, until half are left.
     */
    public Builder writerBacklog(int writes, long bytes) {
      writerBacklog = writes;
      writerBacklogBytes = bytes;
      return this;
    }

    /** How long the relay holds a message in memory before writing it. */
    public Builder relayWindow(Duration v) {
      relayWindow = v;
      return this;
    }

    /** The configuration. */
    public ServerConfig build() {
      return new ServerConfig(
          dataDir,
          bindAddress,
          port,
          name,
          bcryptCost,
          maxConnections,
          maxFrameBytes,
          certFile,
          keyFile,
          loginTimeout,
          idleTimeout,
          requestsPerSecond,
          requestBurst,
          queueLimit,
          discovery,
          announceAddress,
          queueBytesLimit,
          senderQueueLimit,
          senderQueueBytes,
          minFreeDiskBytes,
          bundleFetchesPerMinute,
          bundleFetchBurst,
          prekeyHandoutsPerMinute,
          prekeyHandoutBurst,
          registrationOpen,
          registrationsPerAddress,
          loginFailuresPerAddress,
          maxAnonymousPerAddress,
          reservedConnections != null ? reservedConnections : maxConnections / 10,
          maxOutboundBytes,
          seenPurgeInterval,
          maxAnonymousPerPrefix,
          strangerQueueLimit != null ? strangerQueueLimit : Math.max(1, queueLimit / 4),
          strangerQueueBytes != null ? strangerQueueBytes : Math.max(1, queueBytesLimit / 4),
          hashesPerMinutePerAddress,
          hashBurstPerAddress,
          hashesPerMinutePerAccount,
          hashBurstPerAccount,
          relayWindow,
          writerBacklog,
          writerBacklogBytes);
    }
  }

  /** This computer's host name, or "Parley" when it cannot be found. */
  public static String defaultName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "Parley";
    }
  }
}
