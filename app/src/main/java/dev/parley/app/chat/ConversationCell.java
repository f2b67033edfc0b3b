package dev.parley.app.chat;

import dev.parley.app.text.EmojiText;
import java.time.Instant;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A contacts-list row: presence dot, name, preview, time and unread badge. Someone who wrote but is
 * not in the contacts has no presence (the server shares it only between contacts), so the row says
 * so and offers to add them instead of showing a false "offline".
 */
final class ConversationCell extends ListCell<ConversationItem> {
  private final Consumer<String> addToContacts;

  /** A row whose Add button calls {@code addToContacts} with the row's peer. */
  ConversationCell(Consumer<String> addToContacts) {
    this.addToContacts = addToContacts;
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
    dot.getStyleClass().add(presenceStyle(c));
    if (!c.mutual() && c.listed()) {
      Tooltip.install(dot, new Tooltip(c.peer() + " hasn't added you yet: presence unknown"));
    }
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
    if (!c.listed()) {
      Label stranger = new Label("Not in your contacts");
      stranger.getStyleClass().addAll("text-muted", "not-in-contacts");
      stranger.setMinWidth(0);
      Button add = new Button("Add", new FontIcon(Feather.USER_PLUS));
      add.setId("add-" + c.peer());
      add.getStyleClass().addAll("small", "add-stranger");
      add.setTooltip(new Tooltip("Add " + c.peer() + " to your contacts"));
      add.setMinWidth(Region.USE_PREF_SIZE);
      add.setOnAction(e -> addToContacts.accept(c.peer()));
      HBox strangerRow = new HBox(8, stranger, add);
      strangerRow.setAlignment(Pos.CENTER_LEFT);
      text.getChildren().add(strangerRow);
    }
    HBox.setHgrow(text, Priority.ALWAYS);
    HBox row = new HBox(10, dot, text);
    row.setAlignment(Pos.CENTER_LEFT);
    setGraphic(row);
  }

  /** Online or offline only where the server shares presence: between contacts of each other. */
  static String presenceStyle(ConversationItem c) {
    if (!c.listed()) {
      return "presence-none";
    }
    if (!c.mutual()) {
      return "presence-unknown";
    }
    return c.online() ? "presence-online" : "presence-offline";
  }
}
