package dev.parley.server;

import dev.parley.platform.LanInterfaces;
import dev.parley.platform.PrivateFiles;
import dev.parley.server.accounts.PasswordHasher;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.discovery.AnnounceScope;
import dev.parley.server.discovery.DiscoveryAnnouncer;
import dev.parley.server.net.TlsListener;
import dev.parley.server.relay.RelayEngine;
import dev.parley.server.session.SessionRegistry;
import dev.parley.server.store.Database;
import dev.parley.server.store.ServerStore;
import dev.parley.server.tls.ServerIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * A complete Parley server in this process: what the headless jar runs, what the app's "Host a
 * server" button starts, and what the tests talk to.
 */
public final class ParleyServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ParleyServer.class.getName());

  /** The database file inside the data folder. */
  public static final String DATABASE_FILE = "parley.db";

  private final ServerConfig config;
  private final ServerIdentity identity;
  private final Database database;
  private final PasswordHasher hasher;
  private final SessionRegistry registry;
  private final TlsListener network;
  private final ServerStore store;
  private final RelayEngine relay;
  private final Housekeeping housekeeping;
  private final DiscoveryAnnouncer announcer;
  private boolean closed;

  private ParleyServer(
      ServerConfig config,
      ServerIdentity identity,
      Database database,
      ServerStore store,
      RelayEngine relay,
      PasswordHasher hasher,
      SessionRegistry registry,
      TlsListener network,
      Housekeeping housekeeping) {
    this.config = config;
    this.identity = identity;
    this.database = database;
    this.store = store;
    this.relay = relay;
    this.hasher = hasher;
    this.registry = registry;
    this.network = network;
    this.housekeeping = housekeeping;
    this.announcer = config.discovery() ? announce() : null;
  }

  private DiscoveryAnnouncer announce() {
    AnnounceScope scope = AnnounceScope.of(config.bindAddress(), config.announceAddress());
    if (scope.refusal().isPresent()) {
      LOG.warning("not announced on the LAN: " + scope.refusal().get());
      return null;
    }
    if (scope.everyLanAddress()) {
      return DiscoveryAnnouncer.onLan(config.name(), port(), fingerprint());
    }
    InetAddress only = scope.only().orElseThrow();
    // The chosen address is announced whenever it is on this computer (it may come and go).
    return DiscoveryAnnouncer.start(
        config.name(),
        port(),
        fingerprint(),
        () -> isLocal(only) ? List.of(only) : List.of(),
        LanInterfaces.WATCH_INTERVAL);
  }

  private static boolean isLocal(InetAddress address) {
    try {
      return java.net.NetworkInterface.getByInetAddress(address) != null;
    } catch (java.net.SocketException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Starts a server; returns once it is listening. */
  public static ParleyServer start(ServerConfig config) throws IOException {
    PrivateFiles.directory(config.dataDir());
    ServerIdentity identity =
        config.certFile() != null
            ? ServerIdentity.load(config.certFile(), config.keyFile())
            : ServerIdentity.loadOrCreate(config.dataDir(), config.name());
    Database db = Database.open(config.dataDir().resolve(DATABASE_FILE));
    int cores = Runtime.getRuntime().availableProcessors();
    PasswordHasher hasher = new PasswordHasher(config.bcryptCost(), Math.max(1, cores), 512);
    SessionRegistry registry = new SessionRegistry();
    ServerStore store = ServerStore.create(db, config);
    try {
      RelayEngine relay = RelayEngine.start(store, registry, config.relayWindow());
      TlsListener net = TlsListener.start(config, identity, store, relay, hasher, registry);
      Housekeeping housekeeping = Housekeeping.start(relay, config.seenPurgeInterval());
      ParleyServer s =
          new ParleyServer(config, identity, db, store, relay, hasher, registry, net, housekeeping);
      LOG.info(
          "Parley server '"
              + config.name()
              + "' listening on "
              + config.bindAddress()
              + ":"
              + s.port()
              + ", data in "
              + config.dataDir().toAbsolutePath());
      LOG.info(
          "certificate SHA-256 fingerprint: "
              + dev.parley.protocol.CertificateFingerprint.displayLine(identity.fingerprint()));
      return s;
    } catch (IOException | RuntimeException e) {
      hasher.close();
      db.close();
      throw e;
    }
  }

  /** The configuration it runs with. */
  public ServerConfig config() {
    return config;
  }

  /** The bound TCP port. */
  public int port() {
    return network.port();
  }

  /** The name shown to users. */
  public String name() {
    return config.name();
  }

  /** SHA-256 fingerprint of the TLS certificate, as clients pin it. */
  public String fingerprint() {
    return identity.fingerprint();
  }

  /** The message engine, for tests. */
  public RelayEngine relay() {
    return relay;
  }

  /** The store, for admin commands and tests. */
  public ServerStore store() {
    return store;
  }

  /** Number of logged-in users right now. */
  public int connectedUserCount() {
    return registry.onlineCount();
  }

  /** True while {@code user} is logged in here. */
  public boolean isSignedIn(String user) {
    return registry.isOnline(user);
  }

  /** Calls {@code listener} (on a server thread) whenever the logged-in count changes. */
  public void onConnectedUserCountChanged(IntConsumer listener) {
    registry.onCountChanged(listener);
  }

  /** Addresses on this computer's LAN interfaces that others can connect to. */
  public List<InetAddress> lanAddresses() {
    try {
      return LanInterfaces.connectableAddresses();
    } catch (java.io.UncheckedIOException e) {
      LOG.warning("cannot list network interfaces: " + e.getCause().getMessage());
      return List.of();
    }
  }

  /** Stops serving, lets queued database writes finish, and closes the database. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (announcer != null) {
      announcer.close();
    }
    network.close();
    housekeeping.close();
    hasher.close();
    database.close();
    LOG.info("Parley server stopped");
  }
}
