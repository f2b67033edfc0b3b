package dev.parley.app.chat;

import dev.parley.app.text.SelectableText;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.DeliveryState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A message bubble: own messages right, theirs left, notices centred; time and delivery state. */
final class MessageCell extends ListCell<ChatMessage> {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

  /** A bubble is at most this share of the list's width (Signal keeps a margin on either side). */
  static final double BUBBLE_SHARE = 0.68;

  /** A notice is at most this share of the list's width. */
  static final double NOTICE_SHARE = 0.85;

  MessageCell() {
    getStyleClass().add("message-cell");
    // Cells take the list's width rather than their content's, so nothing scrolls sideways.
    setPrefWidth(0);
    // Without this the cell measures its graphic as if text stood beside it: a wrapping bubble
    // then gets a negative width, is measured one line high and its text is elided.
    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
  }

  /**
   * Rows are not selected (a click selects text in the bubble); a selection change would also
   * rebuild the row and drop the text selection the user is making.
   */
  @Override
  public void updateSelected(boolean selected) {
    super.updateSelected(false);
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
      // Wraps within the list instead of widening it (which would push bubbles out of sight).
      notice.maxWidthProperty().bind(getListView().widthProperty().multiply(NOTICE_SHARE));
      notice.setMinHeight(Region.USE_PREF_SIZE);
      HBox row = new HBox(notice);
      row.setAlignment(Pos.CENTER);
      setGraphic(withDay(m, row));
      return;
    }
    SelectableText text = messageText(m);
    Label time = new Label(TIME.format(Instant.ofEpochMilli(m.sentAt())));
    time.getStyleClass().add("bubble-meta");
    HBox meta = new HBox(4, time);
    meta.setAlignment(Pos.CENTER_RIGHT);
    if (m.outgoing()) {
      FontIcon icon = new FontIcon(MessageLabels.stateIcon(m.state()));
      icon.getStyleClass().addAll("state-icon", "state-" + m.state().name().toLowerCase());
      Label state = new Label(null, icon);
      state.setId("state-" + m.msgId());
      state.setUserData(m.state());
      state.setTooltip(new Tooltip(MessageLabels.stateText(m.state())));
      state.setAccessibleText(MessageLabels.stateText(m.state()));
      if (m.state() == DeliveryState.FAILED) {
        state.getStyleClass().add("state-failed-chip");
      }
      meta.getChildren().add(state);
    }
    VBox bubble = new VBox(2, text, meta);
    bubble.getStyleClass().addAll("bubble", m.outgoing() ? "bubble-own" : "bubble-theirs");
    // The bubble holds the width limit, so its text (whatever node draws it) wraps inside it and
    // the row is as tall as all its lines.
    bubble.maxWidthProperty().bind(getListView().widthProperty().multiply(BUBBLE_SHARE));
    bubble.setMinHeight(Region.USE_PREF_SIZE);
    bubble.setOnContextMenuRequested(e -> MessageMenu.show(text, e));
    HBox row = new HBox(bubble);
    row.setAlignment(m.outgoing() ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
    setGraphic(withDay(m, row));
  }

  /**
   * The node that draws the message's text: wrapped, line breaks kept, style class message-text.
   */
  private static SelectableText messageText(ChatMessage m) {
    SelectableText text = new SelectableText(m.text());
    text.setMinHeight(Region.USE_PREF_SIZE);
    text.getStyleClass().addAll("message-text", "bubble-text");
    text.setOnContextMenuRequested(e -> MessageMenu.show(text, e));
    return text;
  }

  /** {@code row}, under a day separator when {@code m} is the first message of its day. */
  private Node withDay(ChatMessage m, Node row) {
    int i = getIndex();
    ChatMessage previous = i > 0 ? getListView().getItems().get(i - 1) : null;
    LocalDate zoned = day(m.sentAt());
    if (previous != null && day(previous.sentAt()).equals(zoned)) {
      return row;
    }
    Label label = new Label(MessageLabels.dayLabel(zoned, LocalDate.now(ZoneId.systemDefault())));
    label.getStyleClass().add("day-separator");
    HBox separator = new HBox(label);
    separator.setAlignment(Pos.CENTER);
    return new VBox(6, separator, row);
  }

  private static LocalDate day(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()).toLocalDate();
  }
}
