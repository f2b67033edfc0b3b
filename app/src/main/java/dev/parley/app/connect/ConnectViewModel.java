package dev.parley.app.connect;

import dev.parley.app.ui.Fx;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerInfo;
import dev.parley.client.api.ServerTrustException;
import dev.parley.client.discovery.LanOffer;
import dev.parley.client.discovery.LanServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** State and actions of the connect screen. */
public final class ConnectViewModel {
  private static final String RECENT_KEY = "recentServers";
  private static final int MAX_RECENT = 8;

  /** Preference: start hosting when the app opens. */
  public static final String AUTO_HOST_KEY = "autoHost";

  /** Asks the user whether to trust a server certificate; answers true to accept. */
  public interface TrustPrompt {
    /**
     * Shows the first-contact or changed-certificate question; {@code announced} is the fingerprint
     * the LAN announcement carried, or null.
     */
    boolean accept(ServerTrustException question, String announced);
  }

  private final ParleyClient client;
  private final Preferences prefs;
  private final StringProperty address = new SimpleStringProperty(this, "address", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
  private final BooleanProperty autoHost = new SimpleBooleanProperty(this, "autoHost");
  private final ObservableList<RecentServer> recentServers = FXCollections.observableArrayList();
  private final ObservableList<LanServer> lanServers = FXCollections.observableArrayList();
  private final BooleanBinding addressBlank =
      Bindings.createBooleanBinding(() -> address.get().isBlank(), address);

  /** A connect screen using {@code client}, remembering recent servers in {@code prefs}. */
  public ConnectViewModel(ParleyClient client, Preferences prefs) {
    this.client = client;
    this.prefs = prefs;
    address.addListener((obs, old, now) -> error.set(""));
    autoHost.set(prefs.getBoolean(AUTO_HOST_KEY, false));
    autoHost.addListener((obs, old, now) -> prefs.putBoolean(AUTO_HOST_KEY, now));
    for (String s : prefs.get(RECENT_KEY, "").split("\n")) {
      try {
        if (!s.isBlank()) {
          add(RecentServer.parse(s).current(client.knownServers()));
        }
      } catch (IllegalArgumentException ignored) {
        // a damaged entry is dropped
      }
    }
  }

  /** Adds {@code r} at the end unless the same server is listed already (higher up). */
  private void add(RecentServer r) {
    if (recentServers.stream().noneMatch(r::sameServer)) {
      recentServers.add(r);
    }
  }

  /** What the user typed into the address field. */
  public StringProperty addressProperty() {
    return address;
  }

  /** A readable reason why the last attempt failed; empty when there is none. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** Start hosting automatically when the app opens (remembered). */
  public BooleanProperty autoHostProperty() {
    return autoHost;
  }

  /** True while connecting. */
  public BooleanProperty busyProperty() {
    return busy;
  }

  /** True while there is nothing to connect to. */
  public BooleanBinding addressBlankProperty() {
    return addressBlank;
  }

  /** Servers this user connected to before, most recent first, each server once. */
  public ObservableList<RecentServer> recentServers() {
    return recentServers;
  }

  /** Servers announced on the LAN right now. */
  public ObservableList<LanServer> lanServers() {
    return lanServers;
  }

  /**
   * How {@code server} is offered: under its known name when its fingerprint is a server used
   * before (at whatever address), flagged when it only borrows a known server's name.
   */
  public LanOffer offer(LanServer server) {
    return LanOffer.of(server, client.knownServers());
  }

  /** Connects to a server found on the LAN (first of its addresses). */
  public void connect(LanServer server, TrustPrompt trust, Consumer<ServerInfo> connected) {
    if (server.hosts().isEmpty()) {
      return;
    }
    ServerAddress a = new ServerAddress(server.hosts().get(0), server.port());
    address.set(a.toString());
    connect(a, trust, connected, server.fingerprint());
  }

  /** Checks the typed address; sets the error and returns empty when it is not valid. */
  public Optional<ServerAddress> validatedAddress() {
    try {
      ServerAddress parsed = ServerAddress.parse(address.get());
      error.set("");
      return Optional.of(parsed);
    } catch (IllegalArgumentException bad) {
      error.set(bad.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Connects in the background; asks {@code trust} on first contact or a changed certificate; calls
   * {@code connected} on the FX thread when the server is ready for login.
   */
  public void connect(ServerAddress to, TrustPrompt trust, Consumer<ServerInfo> connected) {
    connect(to, trust, connected, null);
  }

  private void connect(
      ServerAddress to, TrustPrompt trust, Consumer<ServerInfo> connected, String announced) {
    if (busy.get()) {
      return;
    }
    busy.set(true);
    error.set("");
    Fx.whenDone(
        client.connect(to),
        (info, failure) -> {
          if (failure instanceof ServerTrustException question) {
            if (trust.accept(question, announced)) {
              client.trustServer(to, question.presented());
              busy.set(false);
              connect(to, trust, connected, announced);
            } else {
              busy.set(false);
              error.set(
                  question.changed()
                      ? "Not connected: the server's certificate changed."
                      : "Not connected: you did not accept the server's certificate.");
            }
            return;
          }
          busy.set(false);
          if (failure != null) {
            error.set(Fx.describe(failure));
            return;
          }
          remember(info);
          connected.accept(info);
        });
  }

  private void remember(ServerInfo info) {
    RecentServer r = new RecentServer(info.name(), info.address(), info.fingerprint());
    recentServers.removeIf(r::sameServer);
    recentServers.add(0, r);
    while (recentServers.size() > MAX_RECENT) {
      recentServers.remove(recentServers.size() - 1);
    }
    List<String> lines = new ArrayList<>();
    recentServers.forEach(s -> lines.add(s.line()));
    prefs.put(RECENT_KEY, String.join("\n", lines));
  }
}
