package dev.parley.app.host;

import dev.parley.app.ui.Fx;
import dev.parley.platform.LanInterfaces;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 */
public final class HostingService {
  private final Path dataDir;
  private final int preferredPort;
  private final boolean announce;
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final IntegerProperty port = new SimpleIntegerProperty();
  private final IntegerProperty connectedUsers = new SimpleIntegerProperty();
  private final StringProperty fingerprint = new SimpleStringProperty("");
  private final StringProperty name = new SimpleStringProperty("");
  private final StringProperty portNote = new SimpleStringProperty("");
  private final ObservableList<String> addresses = FXCollections.observableArrayList();
  private final LanInterfaces.Source addressSource;
  private ParleyServer server;
  private ScheduledExecutorService addressWatch;
  private CompletableFuture<ParleyServer> starting;

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
    this.dataDir = dataDir;
    this.preferredPort = preferredPort;
    this.announce = announce;
    this.addressSource = addressSource;
  }

  /** Starts the server off the FX thread; the properties update on the FX thread. */
  public synchronized CompletableFuture<ParleyServer> start() {
    // A second press (a double click, Host again while hosting) joins the server already
    // starting or running instead of starting another one on the next free port.
    if (starting != null && !starting.isCompletedExceptionally()) {
      return starting;
    }
    starting =
        CompletableFuture.supplyAsync(this::startServer)
            .thenApply(
                s -> {
                  Fx.run(() -> publish(s));
                  return s;
                });
    return starting;
  }

  private ParleyServer startServer() {
    ServerConfig.Builder config =
        ServerConfig.builder(dataDir).port(preferredPort).discovery(announce);
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

  private void publish(ParleyServer s) {
    server = s;
    port.set(s.port());
    name.set(s.name());
    fingerprint.set(s.fingerprint());
    connectedUsers.set(s.connectedUserCount());
    s.onConnectedUserCountChanged(n -> Fx.run(() -> connectedUsers.set(n)));
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
          if (running.get() && !addresses.equals(now)) {
            addresses.setAll(now);
          }
        });
  }

  /** Stops the server (connections closed, database flushed). Safe to call when not running. */
  public void stop() {
    synchronized (this) {
      starting = null;
    }
    if (addressWatch != null) {
      addressWatch.shutdownNow();
      addressWatch = null;
    }
    addresses.clear();
    if (server != null) {
      server.close();
      server = null;
    }
    running.set(false);
    connectedUsers.set(0);
    portNote.set("");
  }

  /** True while hosting. */
  public BooleanProperty runningProperty() {
    return running;
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
