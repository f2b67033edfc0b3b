package dev.parley.app;

import dev.parley.app.auth.AuthView;
import dev.parley.app.auth.AuthViewModel;
import dev.parley.app.chat.ChatWindows;
import dev.parley.app.connect.ConnectView;
import dev.parley.app.connect.ConnectViewModel;
import dev.parley.app.connect.LanDiscovery;
import dev.parley.app.connect.TrustDialog;
import dev.parley.app.host.HostingFlow;
import dev.parley.app.host.HostingService;
import dev.parley.app.theme.ThemeController;
import dev.parley.app.ui.AppHeader;
import dev.parley.app.ui.Fx;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ServerInfo;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import javafx.scene.Parent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * Which screen the main window shows (connect, login, chat), following the client's session; owns
 * the client and the hosting flow.
 */
public final class AppNavigator {
  private final Stage stage;
  private final Preferences prefs;
  private final ThemeController themes;
  private final ParleyClient client;
  private final HostingFlow hosting;
  private final LanDiscovery discovery;
  private final ClientConfig config;

  private MainScreen main;

  /** The screens this window moves between. */
  private enum Screen {
    CONNECT,
    AUTH,
    MAIN
  }

  private Screen screen;

  /** A navigator for {@code stage}, keeping settings in {@code prefs}. */
  public AppNavigator(
      Stage stage,
      Preferences prefs,
      ThemeController themes,
      ClientConfig config,
      HostingService hosting,
      LanDiscovery discovery) {
    this.stage = stage;
    this.prefs = prefs;
    this.themes = themes;
    this.client = new ParleyClient(config);
    this.hosting = new HostingFlow(stage, hosting, client, this::showAuth, this::logOut);
    this.discovery = discovery;
    this.config = config;
    // The screen follows the client's session, whichever request or reconnect changed it.
    client.addListener(
        new ClientListener() {
          @Override
          public void sessionChanged(String user) {
            Fx.run(AppNavigator.this::route);
          }
        });
  }

  /**
   * Shows the screen the client's state calls for: the chat window while logged in, and never while
   * not (a stopped server, another device, a reconnect's refused password).
   */
  private void route() {
    boolean loggedIn = client.user() != null;
    if (loggedIn && screen != Screen.MAIN) {
      showMain();
    } else if (!loggedIn && screen == Screen.MAIN) {
      showConnect();
    }
  }

  /** The client core this window drives. */
  public ParleyClient client() {
    return client;
  }

  /** The server this app hosts once the user pressed "Host a server". */
  public HostingService hosting() {
    return hosting.hosting();
  }

  /** Shows the connect screen. */
  public void showConnect() {
    disposeMain();
    ConnectViewModel vm = new ConnectViewModel(client, prefs);
    ConnectView view =
        new ConnectView(
            vm,
            address -> vm.connect(address, new TrustDialog(stage), this::showAuth),
            lan -> vm.connect(lan, new TrustDialog(stage), this::showAuth),
            hosting::host);
    discovery.bind(vm.lanServers());
    BorderPane page = (BorderPane) view.node();
    page.setTop(AppHeader.build(themes, null, hosting.statusButton()));
    setRoot(page);
    screen = Screen.CONNECT;
    stage.titleProperty().unbind();
    stage.setTitle(ParleyApp.TITLE);
  }

  /** Shows login / registration for a connected server. */
  public void showAuth(ServerInfo server) {
    if (client.user() != null) {
      route(); // logged in meanwhile (a reconnect): there is no form to fill in
      return;
    }
    AuthViewModel vm = new AuthViewModel(client, prefs, server);
    AuthView view = new AuthView(vm, server, this::route, this::showConnect);
    BorderPane page = new BorderPane(view.node());
    page.setTop(AppHeader.build(themes, null, hosting.statusButton()));
    page.getStyleClass().add("connect-screen");
    setRoot(page);
    screen = Screen.AUTH;
  }

  /** Shows the chat window for the logged-in user. */
  public void showMain() {
    disposeMain();
    MainScreen m =
        new MainScreen(stage, prefs, themes, config, client, hosting.statusButton(), this::logOut);
    main = m;
    setRoot(m.root());
    screen = Screen.MAIN;
  }

  /** Logs out; it never waits on the network, so it works online, offline and in between. */
  private void logOut() {
    Fx.whenDone(
        client.logout(),
        (v, err) -> {
          if (screen != Screen.CONNECT) {
            showConnect();
          }
        });
  }

  /** The detached chat windows of the logged-in user, or null. */
  public ChatWindows chatWindows() {
    return main == null ? null : main.chatWindows();
  }

  /** Starts hosting, then connects this app to its own server (its certificate is trusted). */
  public void host() {
    hosting.host();
  }

  /** Asks before quitting while others use the hosted server; false keeps the app running. */
  public boolean confirmQuit() {
    return hosting.confirmQuit();
  }

  private void disposeMain() {
    if (main != null) {
      main.dispose();
      main = null;
    }
  }

  private void setRoot(Parent root) {
    stage.getScene().setRoot(root);
  }

  /**
   * Releases the client and stops hosting (window closed).
   *
   * @return completes once the hosted server is closed; it never needs the FX thread
   */
  public CompletableFuture<Void> close() {
    disposeMain();
    client.close();
    CompletableFuture<Void> stopped = hosting.hosting().stop();
    discovery.close();
    return stopped;
  }
}
