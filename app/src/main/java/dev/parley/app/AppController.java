package dev.parley.app;

import dev.parley.app.auth.AuthView;
import dev.parley.app.auth.AuthViewModel;
import dev.parley.app.chat.MainView;
import dev.parley.app.chat.MainViewModel;
import dev.parley.app.connect.ConnectView;
import dev.parley.app.connect.ConnectViewModel;
import dev.parley.app.connect.TrustDialog;
import dev.parley.app.theme.ThemeController;
import dev.parley.client.ClientConfig;
import dev.parley.client.ParleyClient;
import dev.parley.client.ServerInfo;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Moves one window between the connect, login and chat screens; owns the client. */
public final class AppController {
  private final Stage stage;
  private final Preferences prefs;
  private final ThemeController themes;
  private final ParleyClient client;
  private MainViewModel main;

  /** A controller for {@code stage}, keeping settings in {@code prefs}. */
  public AppController(
      Stage stage, Preferences prefs, ThemeController themes, ClientConfig config) {
    this.stage = stage;
    this.prefs = prefs;
    this.themes = themes;
    this.client = new ParleyClient(config);
  }

  /** The client core this window drives. */
  public ParleyClient client() {
    return client;
  }

  /** Shows the connect screen. */
  public void showConnect() {
    disposeMain();
    ConnectViewModel vm = new ConnectViewModel(client, prefs);
    ConnectView view =
        new ConnectView(
            vm, themes, address -> vm.connect(address, new TrustDialog(stage), this::showAuth));
    setRoot(view.node());
    stage.titleProperty().unbind();
    stage.setTitle(ParleyApp.TITLE);
  }

  /** Shows login / registration for a connected server. */
  public void showAuth(ServerInfo server) {
    AuthViewModel vm = new AuthViewModel(client, prefs);
    AuthView view = new AuthView(vm, server, this::showMain, this::showConnect);
    BorderPane page = new BorderPane(view.node());
    page.setTop(AppHeader.build(themes, null));
    page.getStyleClass().add("connect-screen");
    setRoot(page);
  }

  /** Shows the chat window for the logged-in user. */
  public void showMain() {
    disposeMain();
    main = new MainViewModel(client);
    Button logout = new Button(null, new FontIcon(Feather.LOG_OUT));
    logout.setId("logout");
    logout.getStyleClass().addAll("button-icon", "flat");
    logout.setTooltip(new Tooltip("Log out"));
    logout.setOnAction(e -> Fx.whenDone(client.logout(), (v, err) -> showConnect()));
    MainView view = new MainView(main, AppHeader.build(themes, client.user(), logout));
    setRoot(view.node());
    MainViewModel m = main;
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

  private void disposeMain() {
    if (main != null) {
      main.dispose();
      main = null;
    }
  }

  private void setRoot(Parent root) {
    Scene scene = stage.getScene();
    scene.setRoot(root);
  }

  /** Releases the client (window closed). */
  public void close() {
    disposeMain();
    client.close();
  }
}
