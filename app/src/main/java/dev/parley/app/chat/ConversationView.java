package dev.parley.app.chat;

import dev.parley.app.emoji.EmojiPicker;
import dev.parley.app.text.Composer;
import dev.parley.app.ui.Fx;
import dev.parley.client.api.ChatMessage;
import java.util.List;
import javafx.application.Platform;
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
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Skin;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.ListViewSkin;
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
  // The list shows its newest message and keeps doing so as messages come (until the user scrolls
  // up to read older ones).
  private boolean following = true;
  private VirtualFlow<?> flow;

  /** A view of {@code model}; {@code popOut}, if not null, adds a "new window" button. */
  public ConversationView(ConversationViewModel model, Runnable popOut) {
    this.model = model;
    messages =
        new ListView<>(model.messages()) {
          @Override
          protected Skin<?> createDefaultSkin() {
            return new ListViewSkin<>(this) {
              @Override
              protected VirtualFlow<ListCell<ChatMessage>> createVirtualFlow() {
                return new FollowingFlow();
              }
            };
          }
        };
    root.setTop(new VBox(header(popOut), changedBanner()));
    root.setCenter(messageList());
    root.setBottom(composer());
    root.getStyleClass().add("conversation");
  }

  private Node header(Runnable popOut) {
    Circle dot = new Circle(5);
    dot.setId("conversation-presence");
    // Presence only where the server shares it (contacts of each other), never a false "offline".
    Runnable presence =
        () ->
            dot.getStyleClass()
                .setAll(
                    !model.listedProperty().get()
                        ? "presence-none"
                        : !model.mutualProperty().get()
                            ? "presence-unknown"
                            : model.onlineProperty().get()
                                ? "presence-online"
                                : "presence-offline");
    model.onlineProperty().addListener((o, a, b) -> presence.run());
    model.listedProperty().addListener((o, a, b) -> presence.run());
    model.mutualProperty().addListener((o, a, b) -> presence.run());
    presence.run();
    dot.visibleProperty().bind(model.listedProperty());
    dot.managedProperty().bind(model.listedProperty());
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
    Label stranger = new Label("Not in your contacts");
    stranger.setId("not-in-contacts");
    stranger.getStyleClass().add("text-muted");
    stranger.visibleProperty().bind(model.listedProperty().not());
    stranger.managedProperty().bind(model.listedProperty().not());
    Button add = new Button("Add", new FontIcon(Feather.USER_PLUS));
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
    // An icon, so the header fits the narrowest window with every label whole.
    Button safety = new Button(null, new FontIcon(Feather.LOCK));
    safety.setId("safety-button");
    safety.setTooltip(new Tooltip("Safety number"));
    safety.setAccessibleText("Safety number");
    safety.setOnAction(e -> showSafetyNumber());
    HBox top = new HBox(10, dot, peer, verified, oneSided, stranger, add, spacer, safety);
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
                  boolean firstPage = false;
                  while (c.next()) {
                    if (c.wasAdded() && !c.wasReplaced()) {
                      olderPage |= c.getFrom() == 0 && c.getTo() < c.getList().size();
                      appended |= c.getTo() == c.getList().size();
                    } else if (c.wasReplaced()
                        && c.getFrom() == 0
                        && c.getTo() == c.getList().size()) {
                      firstPage = true; // setAll: the first page
                    }
                  }
                  List<ChatMessage> all = model.messages();
                  // What this user just sent, or anything while the newest is in view, brings the
                  // list to the end; a reader further up stays where they are.
                  boolean toEnd =
                      firstPage
                          || (appended
                              && !all.isEmpty()
                              && (following || all.get(all.size() - 1).outgoing()));
                  appended = toEnd;
                  olderPage &= !firstPage;
                  if (olderPage || appended) {
                    userMoved = false;
                  }
                  if (olderPage) {
                    // Keep the message the user was looking at in place.
                    int added = model.messages().size() - lastSize;
                    messages.scrollTo(Math.max(0, added));
                  } else if (appended && !all.isEmpty()) {
                    scrollToEnd();
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
                this.flow = flow;
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
                          if (userMoved) {
                            following = atEnd();
                          }
                          if (userMoved && now.doubleValue() <= 0 && was.doubleValue() > 0) {
                            model.loadOlder();
                          }
                        });
              }
            });
    return messages;
  }

  /** Shows the newest message whole, and keeps doing so as messages come. */
  private void scrollToEnd() {
    following = true;
    messages.scrollTo(model.messages().size() - 1);
  }

  /**
   * The message list's flow: while the list follows the newest message, each layout ends with that
   * message whole at the bottom. Rows are measured only when first shown and are often taller than
   * the flow guessed (long messages wrap), so one scroll at the time of arrival can fall short.
   */
  private final class FollowingFlow extends VirtualFlow<ListCell<ChatMessage>> {
    // Bounds the corrections in a row, should the rows never settle.
    private int corrections;

    @Override
    protected void layoutChildren() {
      super.layoutChildren();
      int newest = model.messages().size() - 1;
      if (!following || newest < 0 || getCellCount() != newest + 1) {
        corrections = 0;
        return;
      }
      ListCell<ChatMessage> last = getLastVisibleCell();
      boolean whole =
          last != null
              && last.getIndex() == newest
              && last.getLayoutY() + last.getHeight() <= getHeight() + 0.5;
      if (whole) {
        corrections = 0;
      } else if (corrections++ < 5) {
        // Rows that grew after they were placed (the list got wider or narrower, a row was
        // measured late) leave the flow believing it is at the end while the newest row sticks
        // out; it will not scroll further by pixels then. Placing the newest row first and
        // letting the flow fill upwards bottom-aligns it.
        scrollToTop(newest);
      }
    }
  }

  /** The newest message is in view (the list cannot scroll further down). */
  private boolean atEnd() {
    if (flow == null || model.messages().isEmpty()) {
      return true;
    }
    var last = flow.getLastVisibleCell();
    if (last == null) {
      return true;
    }
    double bottom = last.getBoundsInParent().getMaxY();
    return last.getIndex() >= model.messages().size() - 1 && bottom <= flow.getHeight() + 1;
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
    problem.setWrapText(true);
    problem.setMinHeight(Region.USE_PREF_SIZE);
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

  /**
   * Puts the cursor in the message field, after the event being handled: the click that picked the
   * conversation would otherwise hand the focus back to the list it clicked.
   */
  public void focusInput() {
    Platform.runLater(input::requestFocus);
  }

  /** The node to show. */
  public Parent node() {
    return root;
  }
}
