package dev.parley.app.chat;

import dev.parley.app.ui.AppIcons;
import dev.parley.app.ui.WindowGeometry;
import dev.parley.client.ParleyClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * Conversations opened in their own windows: at most one per contact (opening it again brings it to
 * the front), all closed when the user logs out.
 */
public final class ChatWindows {
  private static final KeyCombination CLOSE =
      new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

  /**
   * A chat window's size when it opens (smaller on small screens): a narrow column, like Signal's.
   */
  static final double WIDTH = 520;

  /** See {@link #WIDTH}. */
  static final double HEIGHT = 700;

  static final double MIN_WIDTH = 360;
  static final double MIN_HEIGHT = 420;

  private final ParleyClient client;
  private final List<String> stylesheets;
  private final Map<String, Stage> open = new LinkedHashMap<>();

  /** Windows over {@code client}, styled with {@code stylesheets}. */
  public ChatWindows(ParleyClient client, List<String> stylesheets) {
    this.client = client;
    this.stylesheets = List.copyOf(stylesheets);
  }

  /** Shows the conversation with {@code peer} in its own window. */
  public void open(String peer) {
    Stage existing = open.get(peer);
    if (existing != null) {
      existing.toFront();
      existing.requestFocus();
      return;
    }
    Stage stage = new Stage();
    ConversationViewModel model = new ConversationViewModel(client, peer, stage.focusedProperty());
    ConversationView view = new ConversationView(model, null);
    Scene scene = new Scene(view.node());
    scene.getStylesheets().setAll(stylesheets);
    scene.getAccelerators().put(CLOSE, stage::close);
    stage.setScene(scene);
    stage.setTitle(peer + " — Parley");
    stage.getIcons().setAll(AppIcons.all());
    stage.setMinWidth(MIN_WIDTH);
    stage.setMinHeight(MIN_HEIGHT);
    WindowGeometry.openAt(
        stage, WindowGeometry.centredOnScreen(WIDTH, HEIGHT, MIN_WIDTH, MIN_HEIGHT));
    stage.setOnHidden(
        e -> {
          model.dispose();
          open.remove(peer);
        });
    open.put(peer, stage);
    stage.show();
    view.focusInput();
  }

  /** True when {@code peer}'s window is open and has the focus. */
  public boolean isFocused(String peer) {
    Stage s = open.get(peer);
    return s != null && s.isFocused();
  }

  /** The contacts whose conversations have a window of their own. */
  public List<String> peers() {
    return List.copyOf(open.keySet());
  }

  /** Closes every chat window. */
  public void closeAll() {
    List.copyOf(open.values()).forEach(Stage::close);
  }
}
