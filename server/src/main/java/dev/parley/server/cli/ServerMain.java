package dev.parley.server.cli;

import dev.parley.platform.BuildInfo;
import dev.parley.platform.DataDirs;
import dev.parley.protocol.CertificateFingerprint;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.store.Database;
import dev.parley.server.store.ServerStore;
import dev.parley.server.tls.ServerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Entry point of the headless server jar. */
@Command(
    name = "parley-server",
    mixinStandardHelpOptions = true,
    versionProvider = ServerMain.Version.class,
    description = "Runs a Parley chat server for your local network.",
    sortOptions = false,
    subcommands = {
      ServerMain.Fingerprint.class,
      ServerMain.Users.class,
      CommandLine.HelpCommand.class
    })
public final class ServerMain implements Callable<Integer> {
  // The defaults shown and used below come from the one place that defines them.
  private static final ServerConfig DEFAULTS = ServerConfig.builder(Path.of(".")).build();

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
  int port = ProtocolInfo.DEFAULT_PORT;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: all interfaces).")
  String bind = "0.0.0.0";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Folder for the database and TLS identity (default: ${DEFAULT-VALUE}).")
  Path dataDir = DataDirs.serverData();

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Server name shown to users (default: this computer's name).")
  String name;

  @Option(
      names = "--bcrypt-cost",
      paramLabel = "N",
      scope = CommandLine.ScopeType.INHERIT,
      description = "bcrypt cost for password hashes, 4-31 (default: ${DEFAULT-VALUE}).")
  int bcryptCost = 12;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description = "Simultaneous connections accepted (default: ${DEFAULT-VALUE}).")
  int maxConnections = 10_000;

  @Option(
      names = "--cert",
      paramLabel = "PEM",
      description = "Your own TLS certificate (PEM); needs --key. Default: a generated one.")
  Path cert;

  @Option(names = "--key", paramLabel = "PEM", description = "Private key for --cert (PEM).")
  Path key;

  @Option(
      names = "--no-discovery",
      description = "Do not announce the server on the LAN (DNS-SD / mDNS).")
  boolean noDiscovery;

  @Option(
      names = "--registration",
      paramLabel = "open|closed",
      description =
          "Whether people may create accounts from the app (default: ${DEFAULT-VALUE}); when"
              + " closed, add them with 'users add'.")
  String registration = "open";

  @Option(
      names = "--announce-on",
      paramLabel = "ADDRESS",
      description = "Announce only on this local address (default: every LAN interface).")
  String announceOn;

  @Option(
      names = "--queue-messages",
      paramLabel = "N",
      description = "Undelivered messages kept per recipient (default: ${DEFAULT-VALUE}).")
  int queueMessages = DEFAULTS.queueLimit();

  @Option(
      names = "--queue-bytes",
      paramLabel = "SIZE",
      converter = ByteSize.Converter.class,
      description = "Undelivered envelope bytes kept per recipient (default: ${DEFAULT-VALUE}).")
  ByteSize queueBytes = new ByteSize(DEFAULTS.queueBytesLimit());

  @Option(
      names = "--sender-share-messages",
      paramLabel = "N",
      description =
          "Undelivered messages one sender may have queued for one recipient "
              + "(default: ${DEFAULT-VALUE}).")
  int senderShareMessages = DEFAULTS.senderQueueLimit();

  @Option(
      names = "--sender-share-bytes",
      paramLabel = "SIZE",
      converter = ByteSize.Converter.class,
      description =
          "Undelivered envelope bytes one sender may have queued for one recipient "
              + "(default: ${DEFAULT-VALUE}).")
  ByteSize senderShareBytes = new ByteSize(DEFAULTS.senderQueueBytes());

  @Option(
      names = "--stranger-pool-messages",
      paramLabel = "N",
      description =
          "Undelivered messages that all senders a recipient has not added as contacts may have"
              + " queued for it together (default: a quarter of --queue-messages).")
  Integer strangerPoolMessages;

  @Option(
      names = "--stranger-pool-bytes",
      paramLabel = "SIZE",
      converter = ByteSize.Converter.class,
      description =
          "Undelivered envelope bytes of those senders together (default: a quarter of"
              + " --queue-bytes).")
  ByteSize strangerPoolBytes;

  @Option(
      names = "--min-free-disk",
      paramLabel = "SIZE",
      converter = ByteSize.Converter.class,
      description =
          "Refuse new messages when less than this is free on the data folder's disk "
              + "(default: ${DEFAULT-VALUE}).")
  ByteSize minFreeDisk = new ByteSize(DEFAULTS.minFreeDiskBytes());

  @Option(
      names = "--bundle-fetches-per-minute",
      paramLabel = "N",
      description = "Key bundles one user may fetch per minute (default: ${DEFAULT-VALUE}).")
  int bundleFetchesPerMinute = DEFAULTS.bundleFetchesPerMinute();

  @Option(
      names = "--bundle-fetch-burst",
      paramLabel = "N",
      description = "Key bundles one user may fetch at once (default: ${DEFAULT-VALUE}).")
  int bundleFetchBurst = DEFAULTS.bundleFetchBurst();

  @Option(
      names = "--prekeys-per-minute",
      paramLabel = "N",
      description =
          "One-time prekeys of one user handed out per minute; beyond, bundles go without one "
              + "(default: ${DEFAULT-VALUE}).")
  int prekeysPerMinute = DEFAULTS.prekeyHandoutsPerMinute();

  @Option(
      names = "--prekey-burst",
      paramLabel = "N",
      description = "One-time prekeys of one user handed out at once (default: ${DEFAULT-VALUE}).")
  int prekeyBurst = DEFAULTS.prekeyHandoutBurst();

  @Option(
      names = "--max-anonymous-per-address",
      paramLabel = "N",
      description =
          "Connections not logged in allowed from one address (the full address, IPv6 too)"
              + " (default: ${DEFAULT-VALUE}).")
  int maxAnonymousPerAddress = DEFAULTS.maxAnonymousPerAddress();

  @Option(
      names = "--max-anonymous-per-ipv6-prefix",
      paramLabel = "N",
      description =
          "Connections not logged in allowed from all addresses of one IPv6 /64 together"
              + " (default: ${DEFAULT-VALUE}).")
  int maxAnonymousPerPrefix = DEFAULTS.maxAnonymousPerPrefix();

  @Option(
      names = "--reserved-connections",
      paramLabel = "N",
      description =
          "Connections kept for logged-in users: those not logged in may use at most"
              + " --max-connections minus N (default: a tenth of --max-connections).")
  Integer reservedConnections;

  @Option(
      names = "--hashes-per-minute-per-address",
      paramLabel = "N",
      description =
          "Password checks and hashes (bcrypt) for logins and password changes from one address"
              + " per minute, right or wrong (default: ${DEFAULT-VALUE}).")
  int hashesPerMinutePerAddress = DEFAULTS.hashesPerMinutePerAddress();

  @Option(
      names = "--hash-burst-per-address",
      paramLabel = "N",
      description = "Of those, how many one address may use at once (default: ${DEFAULT-VALUE}).")
  int hashBurstPerAddress = DEFAULTS.hashBurstPerAddress();

  @Option(
      names = "--hashes-per-minute-per-account",
      paramLabel = "N",
      description =
          "Password checks and hashes charged to one account per minute: its password changes,"
              + " right or wrong, and its successful logins (default: ${DEFAULT-VALUE}).")
  int hashesPerMinutePerAccount = DEFAULTS.hashesPerMinutePerAccount();

  @Option(
      names = "--hash-burst-per-account",
      paramLabel = "N",
      description = "Of those, how many one account may use at once (default: ${DEFAULT-VALUE}).")
  int hashBurstPerAccount = DEFAULTS.hashBurstPerAccount();

  /** Runs the server with the given arguments and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ServerMain()).execute(args));
  }

  /** The configuration the flags describe. */
  ServerConfig config() {
    ServerConfig.Builder b =
        ServerConfig.builder(dataDir)
            .port(port)
            .bindAddress(bind)
            .bcryptCost(bcryptCost)
            .maxConnections(maxConnections)
            .discovery(!noDiscovery)
            .announceAddress(announceOn)
            .queueLimit(queueMessages)
            .queueBytesLimit(queueBytes.bytes())
            .senderQueueShare(senderShareMessages, senderShareBytes.bytes())
            .minFreeDiskBytes(minFreeDisk.bytes())
            .bundleFetchRate(bundleFetchesPerMinute, bundleFetchBurst)
            .prekeyHandoutRate(prekeysPerMinute, prekeyBurst)
            .registrationOpen(registrationOpen())
            .maxAnonymousPerAddress(maxAnonymousPerAddress)
            .maxAnonymousPerPrefix(maxAnonymousPerPrefix)
            .hashRatePerAddress(hashesPerMinutePerAddress, hashBurstPerAddress)
            .hashRatePerAccount(hashesPerMinutePerAccount, hashBurstPerAccount);
    if (strangerPoolMessages != null) {
      b.strangerQueueMessages(strangerPoolMessages);
    }
    if (strangerPoolBytes != null) {
      b.strangerQueueBytes(strangerPoolBytes.bytes());
    }
    if (reservedConnections != null) {
      b.reservedConnections(reservedConnections);
    }
    if (name != null && !name.isBlank()) {
      b.name(name.strip());
    }
    if (cert != null || key != null) {
      b.certificate(cert, key);
    }
    return b.build();
  }

  private boolean registrationOpen() {
    return switch (registration.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "open" -> true;
      case "closed" -> false;
      default -> throw new IllegalArgumentException("--registration is 'open' or 'closed'");
    };
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      System.err.println("parley-server: " + e.getMessage());
      return 2;
    }
    LogSetup.toStdout();
    ParleyServer server;
    try {
      server = ParleyServer.start(config);
    } catch (java.io.IOException e) {
      System.err.println("parley-server: " + e.getMessage());
      return 1;
    }
    System.out.println("Parley server '" + server.name() + "' is running on port " + server.port());
    System.out.println("Certificate fingerprint (SHA-256):");
    System.out.println(indented(server.fingerprint()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "parley-shutdown"));
    stopped.await();
    return 0;
  }

  /** Prints the certificate fingerprint (creating the certificate if needed). */
  @Command(
      name = "fingerprint",
      description = "Print the server certificate's SHA-256 fingerprint.")
  static final class Fingerprint implements Callable<Integer> {
    @ParentCommand ServerMain parent;

    @Override
    public Integer call() throws Exception {
      ServerConfig c = parent.config();
      ServerIdentity id =
          c.certFile() != null
              ? ServerIdentity.load(c.certFile(), c.keyFile())
              : ServerIdentity.loadOrCreate(c.dataDir(), c.name());
      System.out.println(CertificateFingerprint.display(id.fingerprint()));
      return 0;
    }
  }

  /** The fingerprint as people compare it, indented under its heading. */
  static String indented(String fingerprint) {
    return "  " + CertificateFingerprint.display(fingerprint).replace("\n", "\n  ");
  }

  /** Account administration on the server's database. */
  @Command(
      name = "users",
      description = "List, add or delete accounts.",
      subcommands = {Users.ListUsers.class, AddUser.class, Users.DeleteUser.class})
  static final class Users {
    @ParentCommand ServerMain parent;

    static Database open(ServerMain main) throws java.io.IOException {
      Path file = main.dataDir.resolve(ParleyServer.DATABASE_FILE);
      if (!Files.exists(file)) {
        throw new java.io.IOException("no Parley database in " + main.dataDir.toAbsolutePath());
      }
      return Database.open(file);
    }

    @Command(name = "list", description = "List every account.")
    static final class ListUsers implements Callable<Integer> {
      @ParentCommand Users users;

      @Override
      public Integer call() throws Exception {
        try (Database db = open(users.parent)) {
          ServerStore.create(db, users.parent.config())
              .accounts()
              .listUsers()
              .get()
              .forEach(System.out::println);
        }
        return 0;
      }
    }

    @Command(name = "delete", description = "Delete an account with its keys and queued messages.")
    static final class DeleteUser implements Callable<Integer> {
      @ParentCommand Users users;

      @Parameters(paramLabel = "NAME", description = "The username to delete.")
      String name;

      @Override
      public Integer call() throws Exception {
        try (Database db = open(users.parent)) {
          String canonical = dev.parley.protocol.UsernameRules.canonical(name);
          if (ServerStore.create(db, users.parent.config())
              .accounts()
              .deleteUser(canonical)
              .get()) {
            System.out.println("deleted " + canonical);
            return 0;
          }
          System.err.println("no user called " + canonical);
          return 1;
        }
      }
    }
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {BuildInfo.NAME + " server " + BuildInfo.version()};
    }
  }
}
