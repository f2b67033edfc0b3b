package dev.parley.app.chat;

import dev.parley.client.ChatMessage;
import dev.parley.client.DeliveryState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A message bubble: own messages right, theirs left, notices centred; time and delivery state. */
final class MessageCell extends ListCell<ChatMessage> {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

  MessageCell() {
    getStyleClass().add("message-cell");
  }

  @Override
  protected void updateItem(ChatMessage m, boolean empty) {
    super.updateItem(m, empty);
    setText(null);
    if (empty || m == null) {
      setGraphic(null);
      return;
    }
    if (m.kind() != ChatMessage.Kind.TEXT) {
      Label notice = new Label(m.text(), new FontIcon(Feather.ALERT_TRIANGLE));
      notice.setWrapText(true);
      notice.getStyleClass().add("notice");
      HBox row = new HBox(notice);
      row.setAlignment(Pos.CENTER);
      setGraphic(row);
      return;
    }
    Label text = new Label(m.text());
    text.setWrapText(true);
    text.getStyleClass().add("bubble-text");
    text.maxWidthProperty().bind(getListView().widthProperty().multiply(0.62));
    Label time = new Label(TIME.format(Instant.ofEpochMilli(m.sentAt())));
    time.getStyleClass().add("bubble-meta");
    HBox meta = new HBox(4, time);
    meta.setAlignment(Pos.CENTER_RIGHT);
    if (m.outgoing()) {
      FontIcon icon = new FontIcon(stateIcon(m.state()));
      icon.getStyleClass().addAll("state-icon", "state-" + m.state().name().toLowerCase());
      Label state = new Label(null, icon);
      state.setId("state-" + m.msgId());
      state.setUserData(m.state());
      state.setTooltip(new Tooltip(stateText(m.state())));
      state.setAccessibleText(stateText(m.state()));
      meta.getChildren().add(state);
    }
    VBox bubble = new VBox(2, text, meta);
    bubble.getStyleClass().addAll("bubble", m.outgoing() ? "bubble-own" : "bubble-theirs");
    HBox row = new HBox(bubble);
    row.setAlignment(m.outgoing() ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
    setGraphic(row);
  }

  static Feather stateIcon(DeliveryState s) {
    return switch (s) {
      case SENDING -> Feather.CLOCK;
      case SENT -> Feather.CHECK;
      case DELIVERED -> Feather.CHECK_CIRCLE;
      case READ -> Feather.EYE;
      case RECEIVED -> Feather.INBOX;
    };
  }

  static String stateText(DeliveryState s) {
    return switch (s) {
      case SENDING -> "Sending";
      case SENT -> "Sent";
      case DELIVERED -> "Delivered";
      case READ -> "Read";
      case RECEIVED -> "Received";
    };
  }
}
