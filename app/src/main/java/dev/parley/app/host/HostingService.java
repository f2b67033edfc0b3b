package dev.parley.app.host;

import dev.parley.app.ui.Fx;
import dev.parley.platform.LanInterfaces;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Host a server" feature: runs an {@link ParleyServer} inside the app with its data in the
 * user's data folder, on the preferred port or, if that is taken, any free one.
 *
 * <p>Starting and stopping run off the FX thread: closing a server (its connections, Netty's event
 * loops, the database writer) can take many seconds, and the window must stay responsive meanwhile.
 * The properties change on the FX thread.
 */
public final class HostingService {
  private final Path dataDir;
  private final String bindAddress;
  private final int preferredPort;
  private final boolean announce;
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final BooleanProperty stopping = new SimpleBooleanProperty();
  private final IntegerProperty port = new SimpleIntegerProperty();
  private final IntegerProperty connectedUsers = new SimpleIntegerProperty();
  private final StringProperty fingerprint = new SimpleStringProperty("");
  private final StringProperty name = new SimpleStringProperty("");
  private final StringProperty portNote = new SimpleStringProperty("");
  private final ObservableList<String> addresses = FXCollections.observableArrayList();
  private final LanInterfaces.Source addressSource;
  private final Consumer<ParleyServer> closing;
  private volatile ParleyServer server;
  // FX thread only.
  private ScheduledExecutorService addressWatch;
  // Guarded by this: the current start (null once stopped), the last stop, and how many stops so
  // far (a start publishes its server only if no stop came after it).
  private CompletableFuture<ParleyServer> starting;
  private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
  private int stops;

  /**
   * Hosting with data in {@code dataDir}, on {@code preferredPort} when free, announced on the LAN
   * when {@code announce}; the addresses shown are this computer's current ones.
   */
  public HostingService(Path dataDir, int preferredPort, boolean announce) {
    this(dataDir, preferredPort, announce, LanInterfaces::connectableAddresses);
  }

  /** As above, with the addresses shown read from {@code addressSource} every few seconds. */
  public HostingService(
      Path dataDir, int preferredPort, boolean announce, LanInterfaces.Source addressSource) {
    this(dataDir, preferredPort, announce, addressSource, ParleyServer::close);
  }

  /** As above, with {@code closing} closing a server that stops (tests watch it run). */
  HostingService(
      Path dataDir,
      int preferredPort,
      boolean announce,
      LanInterfaces.Source addressSource,
      Consumer<ParleyServer> closing) {
    this(dataDir, preferredPort, announce, addressSource, closing, "0.0.0.0");
  }

  /** As above, listening on {@code bindAddress} only (tests keep to loopback). */
  HostingService(
      Path dataDir,
      int preferredPort,
      boolean announce,
      LanInterfaces.Source addressSource,
      Consumer<ParleyServer> closing,
      String bindAddress) {
    this.bindAddress = bindAddress;
    this.dataDir = dataDir;
    this.preferredPort = preferredPort;
    this.announce = announce;
    this.addressSource = addressSource;
    this.closing = closing;
  }

  /** Starts the server off the FX thread; the properties update on the FX thread. */
  public synchronized CompletableFuture<ParleyServer> start() {
    // A second press (a double click, Host again while hosting) joins the server already
    // starting or running instead of starting another one on the next free port.
    if (starting != null && !starting.isCompletedExceptionally()) {
      return starting;
    }
    int stop = stops;
    // Hosting again while the last server still closes starts once its port and database are free.
    starting =
        stopped
            .handle((v, closeFailed) -> v)
            .thenApplyAsync(v -> startServer())
            .thenApply(
                s -> {
                  Fx.run(() -> publish(s, stop));
                  return s;
                });
    return starting;
  }

  private ParleyServer startServer() {
    ServerConfig.Builder config =
        ServerConfig.builder(dataDir)
            .bindAddress(bindAddress)
            .port(preferredPort)
            .discovery(announce);
    try {
      return ParleyServer.start(config.build());
    } catch (IOException taken) {
      if (preferredPort == 0) {
        throw new java.io.UncheckedIOException(taken);
      }
      try {
        ParleyServer s = ParleyServer.start(config.port(0).build());
        Fx.run(
            () ->
                portNote.set(
                    "Port "
                        + preferredPort
                        + " is in use on this computer; using "
                        + s.port()
                        + "."));
        return s;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private void publish(ParleyServer s, int stop) {
    synchronized (this) {
      if (stop != stops) {
        return; // stopped while starting: that stop closes it
      }
    }
    server = s;
    port.set(s.port());
    name.set(s.name());
    fingerprint.set(s.fingerprint());
    connectedUsers.set(s.connectedUserCount());
    s.onConnectedUserCountChanged(
        n ->
            Fx.run(
                () -> {
                  if (server == s) {
                    connectedUsers.set(n);
                  }
                }));
    running.set(true);
    watchAddresses();
  }

  /**
   * Keeps {@link #addresses()} current: a laptop that changes networks while hosting shows its new
   * address, not the one it had when hosting started.
   */
  private void watchAddresses() {
    ScheduledExecutorService watch =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-host-addresses");
              t.setDaemon(true);
              return t;
            });
    addressWatch = watch;
    long every = LanInterfaces.WATCH_INTERVAL.toMillis();
    watch.scheduleWithFixedDelay(this::readAddresses, 0, every, TimeUnit.MILLISECONDS);
  }

  private void readAddresses() {
    List<String> now;
    try {
      now = addressSource.get().stream().map(InetAddress::getHostAddress).toList();
    } catch (RuntimeException e) {
      // Keep showing the last known addresses; the next poll tries again.
      return;
    }
    Fx.run(
        () -> {
          if (running.get() && !stopping.get() && !addresses.equals(now)) {
            addresses.setAll(now);
          }
        });
  }

  /**
   * Stops the server (connections closed, database flushed) on a thread of its own; {@link
   * #stoppingProperty()} is true until it has. Safe to call when not running, and again while
   * stopping.
   *
   * @return completes once the server is closed; it never needs the FX thread, so the FX thread may
   *     wait on it when the app quits
   */
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> done;
    synchronized (this) {
      CompletableFuture<ParleyServer> last = starting;
      if (last == null) {
        return stopped;
      }
      starting = null;
      stops++;
      // Posted before the close can finish, so "stopped" always comes after "stopping".
      Fx.run(this::showStopping);
      done =
          last.handle((s, startFailed) -> s) // a failed start left nothing to close
              .thenAcceptAsync(
                  s -> {
                    if (s != null) {
                      closing.accept(s);
                    }
                  },
                  HostingService::onStopThread)
              .whenComplete((v, e) -> Fx.run(this::showStopped));
      stopped = done;
    }
    return done;
  }

  /**
   * Runs a close on a thread that keeps the JVM alive until the database is flushed, whatever
   * thread asked (a pool thread would be a daemon).
   */
  private static void onStopThread(Runnable close) {
    Thread t = new Thread(close, "parley-host-stop");
    t.setDaemon(false);
    t.start();
  }

  private void showStopping() {
    stopping.set(true);
    if (addressWatch != null) {
      addressWatch.shutdownNow();
      addressWatch = null;
    }
    addresses.clear();
  }

  private void showStopped() {
    server = null;
    running.set(false);
    connectedUsers.set(0);
    portNote.set("");
    stopping.set(false);
  }

  /** True while hosting (and while stopping, until the server is closed). */
  public BooleanProperty runningProperty() {
    return running;
  }

  /** True from {@link #stop()} until the server is closed. */
  public BooleanProperty stoppingProperty() {
    return stopping;
  }

  /** The port others connect to. */
  public IntegerProperty portProperty() {
    return port;
  }

  /** True while {@code user} is logged in to the hosted server. */
  public boolean isSignedIn(String user) {
    ParleyServer s = server;
    return user != null && s != null && s.isSignedIn(user);
  }

  /**
   * Logged-in users right now, this app's own user included: the one count the hosting chip, the
   * details dialog and the stop question all show.
   */
  public IntegerProperty connectedUsersProperty() {
    return connectedUsers;
  }

  /** The certificate fingerprint others compare. */
  public StringProperty fingerprintProperty() {
    return fingerprint;
  }

  /** The server name. */
  public StringProperty nameProperty() {
    return name;
  }

  /** Set when the preferred port was taken. */
  public StringProperty portNoteProperty() {
    return portNote;
  }

  /** This computer's current LAN addresses (updated live while hosting). */
  public ObservableList<String> addresses() {
    return addresses;
  }
}
