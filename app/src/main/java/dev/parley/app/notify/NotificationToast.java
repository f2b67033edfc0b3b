package dev.parley.app.notify;

import dev.parley.app.chat.Notice;
import dev.parley.app.text.EmojiText;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import javafx.stage.Popup;
import javafx.stage.Screen;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A small popup in the corner of the screen naming who wrote and what, shown for a few seconds;
 * clicking it opens the conversation. A popup never takes the keyboard focus, so it cannot disturb
 * what the user is typing elsewhere. A newer notice replaces it.
 */
public final class NotificationToast implements Consumer<Notice> {

  private final Window owner;
  private final Consumer<String> openConversation;
  private final List<String> stylesheets;
  private final PauseTransition timer = new PauseTransition(Duration.seconds(6));
  private Popup toast;

  /**
   * Toasts over {@code owner} styled with {@code stylesheets}; a click calls {@code
   * openConversation}.
   */
  public NotificationToast(
      Window owner, Consumer<String> openConversation, List<String> stylesheets) {
    this.owner = owner;
    this.openConversation = openConversation;
    this.stylesheets = List.copyOf(stylesheets);
    timer.setOnFinished(e -> hide());
  }

  @Override
  public void accept(Notice n) {
    hide();
    Label title = new Label(n.peer(), new FontIcon(Feather.MESSAGE_CIRCLE));
    title.getStyleClass().add("notification-title");
    String text = n.text().replace('\n', ' ');
    TextFlow body = EmojiText.flow(EmojiText.shorten(text, NoticeText.PREVIEW_CHARS));
    body.setId("notification-body");
    body.setMaxWidth(300);
    body.setPrefWidth(Region.USE_COMPUTED_SIZE);
    VBox box = new VBox(4, title, body);
    box.setId("notification");
    box.getStyleClass().add("notification");
    box.setAccessibleText("New message from " + n.peer() + ": " + text);
    box.getStylesheets().setAll(stylesheets);
    box.setOnMouseClicked(
        e -> {
          hide();
          openConversation.accept(n.peer());
        });
    Popup popup = new Popup();
    popup.getContent().add(box);
    Rectangle2D area =
        Screen.getScreensForRectangle(owner.getX(), owner.getY(), 1, 1).stream()
            .findFirst()
            .orElse(Screen.getPrimary())
            .getVisualBounds();
    popup.show(owner, area.getMaxX(), area.getMaxY());
    // Its size is known once shown: tuck it into the corner.
    popup.setX(area.getMaxX() - popup.getWidth() - 16);
    popup.setY(area.getMaxY() - popup.getHeight() - 16);
    toast = popup;
    timer.playFromStart();
  }

  private void hide() {
    timer.stop();
    if (toast != null) {
      toast.hide();
      toast = null;
    }
  }
}
