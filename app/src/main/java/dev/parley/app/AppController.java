package dev.parley.app;

import dev.parley.app.auth.AuthView;
import dev.parley.app.auth.AuthViewModel;
import dev.parley.app.chat.ChatWindows;
import dev.parley.app.chat.MainView;
import dev.parley.app.chat.MainViewModel;
import dev.parley.app.connect.ConnectView;
import dev.parley.app.connect.ConnectViewModel;
import dev.parley.app.connect.LanDiscovery;
import dev.parley.app.connect.TrustDialog;
import dev.parley.app.dialog.Dialogs;
import dev.parley.app.host.HostDialog;
import dev.parley.app.host.HostingService;
import dev.parley.app.host.StopHostingQuestion;
import dev.parley.app.notify.DesktopBackends;
import dev.parley.app.notify.DesktopNotifications;
import dev.parley.app.notify.NotificationToast;
import dev.parley.app.notify.UnreadTrayIcon;
import dev.parley.app.settings.SettingsDialog;
import dev.parley.app.settings.SettingsViewModel;
import dev.parley.app.theme.ThemeController;
import dev.parley.app.ui.AppHeader;
import dev.parley.app.ui.Fx;
import dev.parley.client.ClientConfig;
import dev.parley.client.ClientListener;
import dev.parley.client.ParleyClient;
import dev.parley.client.ServerAddress;
import dev.parley.client.ServerInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Moves one window between the connect, login and chat screens; owns the client and hosting. */
public final class AppController {
  private final Stage stage;
  private final Preferences prefs;
  private final ThemeController themes;
  private final ParleyClient client;
  private final HostingService hosting;
  private final LanDiscovery discovery;
  private final ClientConfig config;

  /** Ctrl+, (Cmd+, on macOS): settings. */
  private static final KeyCombination SETTINGS =
      new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN);

  private MainViewModel main;
  private ChatWindows chatWindows;
  private DesktopNotifications notifications;
  private UnreadTrayIcon trayIcon;

  /** The screens this window moves between. */
  private enum Screen {
    CONNECT,
    AUTH,
    MAIN
  }

  private Screen screen;

  /** A controller for {@code stage}, keeping settings in {@code prefs}. */
  public AppController(
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
    this.hosting = hosting;
    this.discovery = discovery;
    this.config = config;
    // The screen follows the client's session, whichever request or reconnect changed it.
    client.addListener(
        new ClientListener() {
          @Override
          public void sessionChanged(String user) {
            Fx.run(AppController.this::route);
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
    return hosting;
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
            this::host);
    discovery.bind(vm.lanServers());
    BorderPane page = (BorderPane) view.node();
    page.setTop(AppHeader.build(themes, null, hostingButton()));
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
    page.setTop(AppHeader.build(themes, null, hostingButton()));
    page.getStyleClass().add("connect-screen");
    setRoot(page);
    screen = Screen.AUTH;
  }

  /** Shows the chat window for the logged-in user. */
  public void showMain() {
    disposeMain();
    MainViewModel m = new MainViewModel(client, stage.focusedProperty());
    main = m;
    List<String> styles = stage.getScene().getStylesheets();
    ChatWindows windows = new ChatWindows(client, styles);
    chatWindows = windows;
    SettingsViewModel settings = new SettingsViewModel(client, prefs);
    m.notificationsEnabledProperty().bind(settings.notificationsProperty());
    m.setInView(
        peer ->
            (stage.isFocused() && peer.equals(m.selectedProperty().get()))
                || windows.isFocused(peer));
    Button settingsButton = new Button(null, new FontIcon(Feather.SETTINGS));
    settingsButton.setId("settings-button");
    settingsButton.getStyleClass().addAll("button-icon", "flat");
    settingsButton.setTooltip(new Tooltip("Settings (Ctrl+,)"));
    settingsButton.setAccessibleText("Settings");
    Runnable openSettings =
        () -> new SettingsDialog(stage, settings, themes, this::logOut).showAndWait();
    settingsButton.setOnAction(e -> openSettings.run());
    Button logout = new Button(null, new FontIcon(Feather.LOG_OUT));
    logout.setId("logout");
    logout.getStyleClass().addAll("button-icon", "flat");
    logout.setTooltip(new Tooltip("Log out"));
    logout.setAccessibleText("Log out");
    logout.setOnAction(e -> logOut());
    MainView view =
        new MainView(
            m,
            AppHeader.build(themes, client.user(), hostingButton(), settingsButton, logout),
            windows::open);
    // A click on a notification, in the window or on the desktop, opens its conversation.
    Consumer<String> openConversation =
        peer -> {
          stage.setIconified(false);
          stage.toFront();
          stage.requestFocus();
          view.openConversation(peer);
        };
    DesktopNotifications n =
        new DesktopNotifications(
            DesktopBackends.forThisDesktop(config.dataDir(), openConversation),
            new NotificationToast(stage, openConversation, styles),
            settings.previewProperty()::get);
    notifications = n;
    m.setNotifier(n);
    m.selectedProperty().addListener((o, a, peer) -> n.dismiss(peer));
    // The taskbar or dock entry counts unread messages and asks for attention when one arrives
    // while no Parley window has the focus.
    m.totalUnreadProperty()
        .addListener(
            (o, a, b) ->
                n.badge(
                    b.intValue(),
                    b.intValue() > a.intValue()
                        && !stage.isFocused()
                        && windows.peers().stream().noneMatch(windows::isFocused)));
    stage
        .focusedProperty()
        .addListener(
            (o, a, focused) -> {
              if (focused) {
                n.badge(m.totalUnreadProperty().get(), false);
              }
            });
    showTrayIcon(settings, m);
    setRoot(view.node());
    screen = Screen.MAIN;
    stage.getScene().getAccelerators().put(SETTINGS, openSettings);
    stage
        .titleProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    m.totalUnreadProperty().get() > 0
                        ? "(" + m.totalUnreadProperty().get() + ") " + ParleyApp.TITLE
                        : ParleyApp.TITLE,
                m.totalUnreadProperty()));
  }

  /** The optional tray icon with the unread count, where the desktop has a tray. */
  private void showTrayIcon(SettingsViewModel settings, MainViewModel m) {
    UnreadTrayIcon tray =
        new UnreadTrayIcon(
            () ->
                Fx.run(
                    () -> {
                      stage.setIconified(false);
                      stage.toFront();
                      stage.requestFocus();
                    }));
    trayIcon = tray;
    // Asking AWT whether there is a tray starts AWT: not on the FX thread.
    Fx.whenDone(
        CompletableFuture.supplyAsync(UnreadTrayIcon::offered),
        (offered, err) -> {
          if (err != null || !offered || trayIcon != tray) {
            return;
          }
          settings.trayOfferedProperty().set(true);
          tray.setUnread(m.totalUnreadProperty().get());
          tray.setShown(settings.trayIconProperty().get());
          settings.trayIconProperty().addListener((o, a, on) -> tray.setShown(on));
          m.totalUnreadProperty().addListener((o, a, b) -> tray.setUnread(b.intValue()));
        });
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
    return chatWindows;
  }

  /** Starts hosting, then connects this app to its own server (its certificate is trusted). */
  public void host() {
    Fx.whenDone(
        hosting.start(),
        (server, err) -> {
          if (err != null) {
            Dialogs.error(stage, "Hosting", "Could not start a server", Fx.describe(err));
            return;
          }
          ServerAddress self = new ServerAddress("127.0.0.1", server.port());
          client.trustServer(self, server.fingerprint());
          Fx.whenDone(
              client.connect(self),
              (info, failure) -> {
                if (failure == null) {
                  showAuth(info);
                }
              });
        });
  }

  /** A header button with the hosting status; it opens the details (and Stop). */
  private Node hostingButton() {
    Button b = new Button(null, new FontIcon(Feather.SERVER));
    b.setId("hosting-status");
    b.getStyleClass().add("flat");
    b.textProperty()
        .bind(Bindings.format("Hosting · %d signed in", hosting.connectedUsersProperty()));
    b.visibleProperty().bind(hosting.runningProperty());
    b.managedProperty().bind(hosting.runningProperty());
    b.setOnAction(
        e ->
            new HostDialog(stage, hosting)
                .showAndWait()
                .filter(r -> r == HostDialog.STOP)
                .ifPresent(r -> stopHosting()));
    return b;
  }

  private void stopHosting() {
    if (!StopHostingQuestion.ask(stage, hosting, client.user(), false)) {
      return;
    }
    boolean ours = onHostedServer();
    hosting.stop();
    if (ours) {
      // This app's session on its own server ends with it (no reconnecting to a stopped server).
      logOut();
    }
  }

  /** True when the client uses the server this app hosts. */
  private boolean onHostedServer() {
    ServerAddress at = client.server();
    if (at == null
        || !hosting.runningProperty().get()
        || at.port() != hosting.portProperty().get()) {
      return false;
    }
    String h = at.host();
    return h.equals("127.0.0.1")
        || h.equals("::1")
        || h.equalsIgnoreCase("localhost")
        || hosting.addresses().contains(h);
  }

  /** Asks before quitting while others use the hosted server; false keeps the app running. */
  public boolean confirmQuit() {
    return StopHostingQuestion.ask(stage, hosting, client.user(), true);
  }

  private void disposeMain() {
    if (chatWindows != null) {
      chatWindows.closeAll();
      chatWindows = null;
    }
    stage.getScene().getAccelerators().remove(SETTINGS);
    if (trayIcon != null) {
      trayIcon.setShown(false);
      trayIcon = null;
    }
    if (notifications != null) {
      notifications.badge(0, false);
      notifications.close();
      notifications = null;
    }
    if (main != null) {
      main.dispose();
      main = null;
    }
  }

  private void setRoot(Parent root) {
    Scene scene = stage.getScene();
    scene.setRoot(root);
  }

  /** Releases the client and stops hosting (window closed). */
  public void close() {
    disposeMain();
    client.close();
    hosting.stop();
    discovery.close();
  }
}
