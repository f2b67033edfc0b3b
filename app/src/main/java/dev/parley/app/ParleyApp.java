package dev.parley.app;

import dev.parley.app.connect.ConnectView;
import dev.parley.app.connect.ConnectViewModel;
import dev.parley.app.theme.ThemeController;
import java.util.Objects;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one main window that starts on the connect screen. */
public final class ParleyApp extends Application {
  /** Title of the main window. */
  public static final String TITLE = "Parley";

  private static final String STYLESHEET = "/dev/parley/css/parley.css";

  @Override
  public void start(Stage stage) {
    show(stage, Preferences.userNodeForPackage(ParleyApp.class));
  }

  /** Builds and shows the main window, keeping settings in {@code prefs}. */
  public static void show(Stage stage, Preferences prefs) {
    ThemeController themes = new ThemeController(prefs);
    themes.applyToApplication();
    ConnectViewModel connect = new ConnectViewModel();
    ConnectView view = new ConnectView(connect, themes, address -> {});
    Scene scene = new Scene(view.node(), 960, 680);
    scene
        .getStylesheets()
        .add(Objects.requireNonNull(ParleyApp.class.getResource(STYLESHEET)).toExternalForm());
    stage.setTitle(TITLE);
    stage.getIcons().setAll(AppIcons.all());
    stage.setMinWidth(640);
    stage.setMinHeight(520);
    stage.setScene(scene);
    stage.show();
  }
}
