package dev.parley.app;

import dev.parley.app.connect.ConnectViewModel;
import dev.parley.app.connect.LanDiscovery;
import dev.parley.app.emoji.RecentEmoji;
import dev.parley.app.host.HostingService;
import dev.parley.app.theme.ThemeController;
import dev.parley.app.ui.AppIcons;
import dev.parley.app.ui.WindowGeometry;
import dev.parley.client.api.ClientConfig;
import dev.parley.protocol.ProtocolInfo;
import java.util.Objects;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The JavaFX application: one main window that starts on the connect screen. */
public final class ParleyApp extends Application {
  /** Title of the main window. */
  public static final String TITLE = "Parley";

  private static final String STYLESHEET = "/dev/parley/css/parley.css";

  private AppNavigator navigator;

  @Override
  public void start(Stage stage) {
    ClientConfig config = ClientConfig.defaults();
    Preferences prefs = Preferences.userNodeForPackage(ParleyApp.class);
    RecentEmoji.rememberIn(prefs);
    navigator =
        show(
            stage,
            prefs,
            config,
            new HostingService(
                config.dataDir().resolveSibling("server"), ProtocolInfo.DEFAULT_PORT, true),
            LanDiscovery.onLan());
  }

  /**
   * Quitting waits for the hosted server to close (connections ended, database flushed) so that
   * nothing acknowledged is lost and no server outlives the app; the window is gone by now, so
   * waiting here freezes nothing the person sees.
   */
  @Override
  public void stop() {
    if (navigator != null) {
      navigator.close().join();
    }
  }

  /**
   * Builds and shows the main window with settings in {@code prefs} and data per {@code config},
   * without any LAN traffic (no discovery; hosting on a free port without announcing).
   */
  public static AppNavigator show(Stage stage, Preferences prefs, ClientConfig config) {
    return show(
        stage,
        prefs,
        config,
        new HostingService(config.dataDir().resolveSibling("server"), 0, false),
        LanDiscovery.off());
  }

  /** Builds and shows the main window with the given hosting and LAN discovery. */
  public static AppNavigator show(
      Stage stage,
      Preferences prefs,
      ClientConfig config,
      HostingService hosting,
      LanDiscovery discovery) {
    ThemeController themes = new ThemeController(prefs);
    themes.applyToApplication();
    Scene scene = new Scene(new StackPane());
    scene
        .getStylesheets()
        .add(Objects.requireNonNull(ParleyApp.class.getResource(STYLESHEET)).toExternalForm());
    stage.setTitle(TITLE);
    stage.getIcons().setAll(AppIcons.all());
    stage.setScene(scene);
    WindowGeometry.apply(stage, prefs);
    AppNavigator navigator = new AppNavigator(stage, prefs, themes, config, hosting, discovery);
    stage.setOnCloseRequest(
        e -> {
          if (!navigator.confirmQuit()) {
            e.consume();
          }
        });
    navigator.showConnect();
    if (prefs.getBoolean(ConnectViewModel.AUTO_HOST_KEY, false)) {
      navigator.host();
    }
    stage.show();
    return navigator;
  }
}
