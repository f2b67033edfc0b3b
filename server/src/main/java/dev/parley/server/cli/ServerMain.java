package dev.parley.server.cli;

import dev.parley.platform.BuildInfo;
import dev.parley.platform.DataDirs;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.server.EmbeddedServer;
import dev.parley.server.ServerConfig;
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
            .registrationOpen(registrationOpen());
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
    EmbeddedServer server;
    try {
      server = EmbeddedServer.start(config);
    } catch (java.io.IOException e) {
      System.err.println("parley-server: " + e.getMessage());
      return 1;
    }
    System.out.println("Parley server '" + server.name() + "' is running on port " + server.port());
    System.out.println("Certificate fingerprint (SHA-256): " + server.fingerprint());
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
      System.out.println(id.fingerprint());
      return 0;
    }
  }

  /** Account administration on the server's database. */
  @Command(
      name = "users",
      description = "List, add or delete accounts.",
      subcommands = {Users.ListUsers.class, AddUser.class, Users.DeleteUser.class})
  static final class Users {
    @ParentCommand ServerMain parent;

    static Database open(ServerMain main) throws java.io.IOException {
      Path file = main.dataDir.resolve(EmbeddedServer.DATABASE_FILE);
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
          new ServerStore(db, 1).listUsers().get().forEach(System.out::println);
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
          if (new ServerStore(db, 1).deleteUser(canonical).get()) {
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
