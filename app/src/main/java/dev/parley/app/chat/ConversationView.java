package dev.parley.app.chat;

import dev.parley.app.Fx;
import dev.parley.app.emoji.EmojiPicker;
import dev.parley.app.text.Composer;
import dev.parley.client.ChatMessage;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A conversation: header (name, presence, verified badge, safety number, pop-out), the message list
 * with day separators, the typing line and the composer. Used by the main window and by detached
 * chat windows alike.
 */
public final class ConversationView {
  private final ConversationViewModel model;
  private final BorderPane root = new BorderPane();
  private final Composer input =
      new Composer("message-input", "Write a message — Enter sends, Shift+Enter for a new line");
  private final ListView<ChatMessage> messages;
  private int lastSize;
  private boolean userMoved;

  /** A view of {@code model}; {@code popOut}, if not null, adds a "new window" button. */
  public ConversationView(ConversationViewModel model, Runnable popOut) {
    this.model = model;
    messages = new ListView<>(model.messages());
    root.setTop(new VBox(header(popOut), changedBanner()));
    root.setCenter(messageList());
    root.setBottom(composer());
    root.getStyleClass().add("conversation");
  }

  private Node header(Runnable popOut) {
    Circle dot = new Circle(5);
    Runnable presence =
        () ->
            dot.getStyleClass()
                .setAll(model.onlineProperty().get() ? "presence-online" : "presence-offline");
    model.onlineProperty().addListener((o, a, b) -> presence.run());
    presence.run();
    Label peer = new Label(model.peer());
    peer.setId("conversation-title");
    peer.getStyleClass().add("title-4");
    Label verified = new Label("Verified", new FontIcon(Feather.SHIELD));
    verified.setId("verified-badge");
    verified.getStyleClass().add("verified-badge");
    verified.visibleProperty().bind(model.verifiedProperty());
    verified.managedProperty().bind(model.verifiedProperty());
    Label oneSided = new Label("hasn't added you yet");
    oneSided.setId("not-mutual");
    oneSided.getStyleClass().add("text-muted");
    oneSided.setTooltip(
        new Tooltip(
            "You will see when "
                + model.peer()
                + " is online once they add you too. Messages reach them either way."));
    var waiting = model.listedProperty().and(model.mutualProperty().not());
    oneSided.visibleProperty().bind(waiting);
    oneSided.managedProperty().bind(waiting);
    Button add = new Button("Add to contacts", new FontIcon(Feather.USER_PLUS));
    add.setId("add-to-contacts");
    add.setTooltip(
        new Tooltip(
            model.peer()
                + " wrote to you but is not in your contacts. Add them to see when they are online"
                + " once they add you too."));
    add.setOnAction(e -> model.addToContacts());
    add.visibleProperty().bind(model.listedProperty().not());
    add.managedProperty().bind(model.listedProperty().not());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button safety = new Button("Safety number", new FontIcon(Feather.LOCK));
    safety.setId("safety-button");
    safety.setOnAction(e -> showSafetyNumber());
    HBox top = new HBox(10, dot, peer, verified, oneSided, add, spacer, safety);
    if (popOut != null) {
      Button out = new Button(null, new FontIcon(Feather.EXTERNAL_LINK));
      out.setId("pop-out");
      out.setTooltip(new Tooltip("Open in a new window"));
      out.setAccessibleText("Open in a new window");
      out.setOnAction(e -> popOut.run());
      top.getChildren().add(out);
    }
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(10, 14, 10, 14));
    top.getStyleClass().add("conversation-header");
    return top;
  }

  /**
   * Shown while a verified contact's safety number changed: nothing is sent until the user compares
   * the new one (and verifies it) or accepts it, as Signal and Element hold messages.
   */
  private Node changedBanner() {
    Label text =
        new Label(
            "The safety number with "
                + model.peer()
                + " changed. Messages wait until you compare it again or accept it.");
    text.setWrapText(true);
    text.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
    text.getStyleClass().add("banner-text");
    HBox.setHgrow(text, Priority.ALWAYS);
    text.setMaxWidth(Double.MAX_VALUE);
    Button compare = new Button("Compare");
    compare.setId("compare-safety-number");
    compare.setOnAction(e -> showSafetyNumber());
    Button accept = new Button("Accept");
    accept.setId("accept-safety-number");
    accept.setTooltip(new Tooltip("Send without comparing; " + model.peer() + " stays unverified"));
    accept.setOnAction(e -> model.acceptSafetyNumber());
    accept.disableProperty().bind(model.canAcceptProperty().not());
    compare.setMinWidth(Region.USE_PREF_SIZE);
    accept.setMinWidth(Region.USE_PREF_SIZE);
    HBox banner = new HBox(10, text, compare, accept);
    banner.setId("safety-number-changed");
    banner.setAlignment(Pos.CENTER_LEFT);
    banner.setPadding(new Insets(8, 14, 8, 14));
    banner.getStyleClass().add("key-change-banner");
    banner.visibleProperty().bind(model.safetyNumberChangedProperty());
    banner.managedProperty().bind(model.safetyNumberChangedProperty());
    return banner;
  }

  private Node messageList() {
    messages.setId("messages");
    messages.setCellFactory(v -> new MessageCell());
    messages.getStyleClass().add("messages");
    messages.setFocusTraversable(false);
    Label none = new Label("No messages yet. Say hello — it is end-to-end encrypted.");
    none.getStyleClass().add("text-muted");
    messages.setPlaceholder(none);
    model
        .messages()
        .addListener(
            (ListChangeListener<ChatMessage>)
                c -> {
                  // Only additions move the view: a state update (a replaced item) must not yank
                  // someone reading older messages to the bottom, nor, at the top, to older pages.
                  boolean olderPage = false;
                  boolean appended = false;
                  while (c.next()) {
                    if (c.wasAdded() && !c.wasReplaced()) {
                      olderPage |= c.getFrom() == 0 && c.getTo() < c.getList().size();
                      appended |= c.getTo() == c.getList().size();
                    } else if (c.wasReplaced()
                        && c.getFrom() == 0
                        && c.getTo() == c.getList().size()) {
                      appended = true; // setAll: the first page
                    }
                  }
                  if (olderPage || appended) {
                    userMoved = false;
                  }
                  if (olderPage) {
                    // Keep the message the user was looking at in place.
                    int added = model.messages().size() - lastSize;
                    messages.scrollTo(Math.max(0, added));
                  } else if (appended && !model.messages().isEmpty()) {
                    messages.scrollTo(model.messages().size() - 1);
                  }
                  lastSize = model.messages().size();
                });
    // Older history loads when the user brings the list to its top (wheel, scroll bar or keys);
    // the flow's position is 0 there. The flow also moves by itself when items change or cells
    // are measured, so only moves that follow user input count.
    EventHandler<Event> userInput = e -> userMoved = true;
    messages.addEventFilter(ScrollEvent.ANY, userInput);
    messages.addEventFilter(MouseEvent.MOUSE_PRESSED, userInput);
    messages.addEventFilter(MouseEvent.MOUSE_DRAGGED, userInput);
    messages.addEventFilter(KeyEvent.KEY_PRESSED, userInput);
    messages
        .skinProperty()
        .addListener(
            (o, a, skin) -> {
              if (messages.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                // Wheel upwards while already at the top: the position no longer changes.
                messages.addEventFilter(
                    ScrollEvent.SCROLL,
                    e -> {
                      if (e.getDeltaY() > 0 && flow.getPosition() <= 0) {
                        model.loadOlder();
                      }
                    });
                flow.positionProperty()
                    .addListener(
                        (ob, was, now) -> {
                          if (userMoved && now.doubleValue() <= 0 && was.doubleValue() > 0) {
                            model.loadOlder();
                          }
                        });
              }
            });
    return messages;
  }

  private Node composer() {
    Label typing = new Label();
    typing.setId("typing");
    typing.getStyleClass().add("text-muted");
    typing.textProperty().bind(model.typingProperty());
    Label problem = new Label();
    problem.setId("conversation-problem");
    problem.getStyleClass().add("field-error");
    problem.textProperty().bind(model.problemProperty());
    problem.visibleProperty().bind(Bindings.isNotEmpty(model.problemProperty()));
    problem.managedProperty().bind(problem.visibleProperty());
    VBox lines = new VBox(2, typing, problem);
    lines.setPadding(new Insets(0, 14, 0, 14));

    input.setPrefHeight(58);
    input.setMaxHeight(58);
    Button send = new Button(null, new FontIcon(Feather.SEND));
    send.setId("send-button");
    send.getStyleClass().add("accent");
    send.setTooltip(new Tooltip("Send (Enter)"));
    send.setAccessibleText("Send");
    Runnable doSend =
        () -> {
          if (model.send(input.getText())) {
            input.clear();
          }
        };
    send.setOnAction(e -> doSend.run());
    send.disableProperty()
        .bind(Bindings.createBooleanBinding(() -> input.getText().isBlank(), input.textProperty()));
    // A filter: the editor's own Enter (a new line) must not run first.
    input.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            if (e.isShiftDown()) {
              input.insertAtCaret("\n");
            } else {
              doSend.run();
            }
          }
        });
    input
        .textProperty()
        .addListener(
            (o, a, b) -> {
              if (!b.isBlank()) {
                model.userTyped();
              }
            });
    HBox.setHgrow(input, Priority.ALWAYS);
    Button emoji = EmojiPicker.button(input::insertAtCaret, input::requestFocus);
    HBox compose = new HBox(8, emoji, input, send);
    compose.setAlignment(Pos.BOTTOM_RIGHT);
    compose.setPadding(new Insets(8, 14, 12, 14));
    return new VBox(4, lines, compose);
  }

  private void showSafetyNumber() {
    boolean verified = model.verifiedProperty().get();
    Fx.whenDone(
        model.safetyNumber(),
        (number, err) -> {
          if (err != null) {
            model.problemProperty().set(Fx.describe(err));
            return;
          }
          new SafetyNumberDialog(root.getScene().getWindow(), model.peer(), number, verified)
              .showAndWait()
              .filter(v -> v != verified)
              .ifPresent(v -> model.setVerified(number, v));
        });
  }

  /** Puts the cursor in the message field. */
  public void focusInput() {
    Fx.run(input::requestFocus);
  }

  /** The node to show. */
  public Parent node() {
    return root;
  }
}
