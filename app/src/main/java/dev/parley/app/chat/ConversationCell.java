package dev.parley.app.chat;

import dev.parley.app.text.EmojiText;
import java.time.Instant;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A contacts-list row: presence dot, name, preview, time and unread badge. */
final class ConversationCell extends ListCell<ConversationItem> {
  ConversationCell() {
    // Cells take the list's width instead of their content's: no sideways scrolling.
    setPrefWidth(0);
  }

  @Override
  protected void updateItem(ConversationItem c, boolean empty) {
    super.updateItem(c, empty);
    setText(null);
    if (empty || c == null) {
      setGraphic(null);
      return;
    }
    Circle dot = new Circle(5);
    dot.getStyleClass().add(c.online() ? "presence-online" : "presence-offline");
    Label name = new Label(c.peer());
    name.getStyleClass().add("contact-name");
    if (c.verified()) {
      name.setGraphic(new FontIcon(Feather.SHIELD));
      name.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
    }
    HBox preview = EmojiText.line(c.preview());
    preview.getStyleClass().addAll("text-muted", "conversation-preview");
    HBox.setHgrow(preview, Priority.ALWAYS);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label time =
        new Label(c.lastAt() == 0 ? "" : MessageCell.TIME.format(Instant.ofEpochMilli(c.lastAt())));
    time.getStyleClass().add("text-muted");
    HBox top = new HBox(6, name, spacer, time);
    top.setAlignment(Pos.CENTER_LEFT);
    HBox bottom = new HBox(6, preview);
    bottom.setAlignment(Pos.CENTER_LEFT);
    if (c.unread() > 0) {
      Region grow = new Region();
      HBox.setHgrow(grow, Priority.ALWAYS);
      Label badge = new Label(Integer.toString(c.unread()));
      badge.getStyleClass().add("unread-badge");
      badge.setId("unread-" + c.peer());
      bottom.getChildren().addAll(grow, badge);
    }
    VBox text = new VBox(2, top, bottom);
    HBox.setHgrow(text, Priority.ALWAYS);
    HBox row = new HBox(10, dot, text);
    row.setAlignment(Pos.CENTER_LEFT);
    setGraphic(row);
  }
}
