package dev.parley.server;

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
 * @param registrationOpen whether clients may create accounts ({@code --registration open})
 * @param registrationsPerAddress accounts one remote address may create per hour
 * @param loginFailuresPerAddress failed logins from one address, on any accounts, before it is
 *     locked out (docs/PROTOCOL.md §5)
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
    boolean registrationOpen,
    int registrationsPerAddress,
    int loginFailuresPerAddress) {

  /** Checks ranges. */
  public ServerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(name, "name");
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
    if (registrationsPerAddress < 1 || loginFailuresPerAddress < 1) {
      throw new IllegalArgumentException("registration and login limits must be positive");
    }
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
    private int maxConnections = 10_000;
    private int maxFrameBytes = 64 * 1024;
    private Path certFile;
    private Path keyFile;
    private Duration loginTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private int requestsPerSecond = 2_000;
    private int requestBurst = 4_000;
    private int queueLimit = 10_000;
    private boolean discovery;
    private String announceAddress;
    private boolean registrationOpen = true;
    private int registrationsPerAddress = 10;
    private int loginFailuresPerAddress = 20;

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
          registrationOpen,
          registrationsPerAddress,
          loginFailuresPerAddress);
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
