package dev.parley.app;

import dev.parley.app.chat.ChatWindows;
import dev.parley.app.chat.MainView;
import dev.parley.app.chat.MainViewModel;
import dev.parley.app.notify.DesktopBackends;
import dev.parley.app.notify.DesktopNotifications;
import dev.parley.app.notify.NotificationToast;
import dev.parley.app.notify.UnreadTrayIcon;
import dev.parley.app.settings.SettingsDialog;
import dev.parley.app.settings.SettingsViewModel;
import dev.parley.app.theme.ThemeController;
import dev.parley.app.ui.AppHeader;
import dev.parley.app.ui.Fx;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ClientConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The logged-in user's screen in the main window with what lives as long as it does: detached chat
 * windows, notifications, the unread badge and tray icon, the Settings shortcut and the title.
 */
final class MainScreen {
  /** Ctrl+, (Cmd+, on macOS): settings. */
  private static final KeyCombination SETTINGS =
      new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN);

  private final Stage stage;
  private final MainViewModel main;
  private final ChatWindows chatWindows;
  private final DesktopNotifications notifications;
  private final Parent root;
  private UnreadTrayIcon trayIcon;

  /**
   * Builds the screen in {@code stage} for {@code client}'s user, with {@code hostingStatus} in the
   * header and {@code logOut} behind the Log out button and the settings dialog.
   */
  MainScreen(
      Stage stage,
      Preferences prefs,
      ThemeController themes,
      ClientConfig config,
      ParleyClient client,
      Node hostingStatus,
      Runnable logOut) {
    this.stage = stage;
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
    Runnable openSettings = () -> new SettingsDialog(stage, settings, themes, logOut).showAndWait();
    Button settingsButton =
        headerButton("settings-button", Feather.SETTINGS, "Settings (Ctrl+,)", "Settings");
    settingsButton.setOnAction(e -> openSettings.run());
    Button logout = headerButton("logout", Feather.LOG_OUT, "Log out", "Log out");
    logout.setOnAction(e -> logOut.run());
    MainView view =
        new MainView(
            m,
            AppHeader.build(themes, client.user(), hostingStatus, settingsButton, logout),
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
    root = view.node();
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

  private static Button headerButton(String id, Feather icon, String tooltip, String accessible) {
    Button b = new Button(null, new FontIcon(icon));
    b.setId(id);
    b.getStyleClass().addAll("button-icon", "flat");
    b.setTooltip(new Tooltip(tooltip));
    b.setAccessibleText(accessible);
    return b;
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

  /** The screen's root node. */
  Parent root() {
    return root;
  }

  /** The detached chat windows of this screen's user. */
  ChatWindows chatWindows() {
    return chatWindows;
  }

  /** Closes the chat windows, clears badge and tray, and stops following the client. */
  void dispose() {
    chatWindows.closeAll();
    stage.getScene().getAccelerators().remove(SETTINGS);
    if (trayIcon != null) {
      trayIcon.setShown(false);
      trayIcon = null;
    }
    notifications.badge(0, false);
    notifications.close();
    main.dispose();
  }
}
