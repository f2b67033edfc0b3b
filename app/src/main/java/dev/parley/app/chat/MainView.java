package dev.parley.app.chat;

import dev.parley.app.Fx;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window: contacts on the left, the open conversation on the right. */
public final class MainView {
  private final MainViewModel model;
  private final BorderPane root = new BorderPane();

  /** A view of {@code model}; {@code header} is the shared app bar (theme, log out). */
  public MainView(MainViewModel model, Node header) {
    this.model = model;
    BorderPane left = new BorderPane();
    left.setTop(addContactBar());
    ListView<ConversationItem> list = new ListView<>(model.conversations());
    list.setId("conversations");
    list.setCellFactory(v -> new ConversationCell());
    Label empty = new Label("No contacts yet.\nAdd one by username above.");
    empty.getStyleClass().add("text-muted");
    list.setPlaceholder(empty);
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, item) -> {
              if (item != null && !item.peer().equals(model.selectedProperty().get())) {
                model.selectedProperty().set(item.peer());
              }
            });
    model
        .selectedProperty()
        .addListener(
            (o, a, peer) ->
                model.conversations().stream()
                    .filter(c -> c.peer().equals(peer))
                    .findFirst()
                    .ifPresent(c -> list.getSelectionModel().select(c)));
    model
        .conversations()
        .addListener(
            (javafx.collections.ListChangeListener<ConversationItem>)
                ch ->
                    model.conversations().stream()
                        .filter(c -> c.peer().equals(model.selectedProperty().get()))
                        .findFirst()
                        .ifPresent(c -> list.getSelectionModel().select(c)));
    left.setCenter(list);
    Label status = new Label();
    status.setId("status");
    status.getStyleClass().add("status-line");
    status.textProperty().bind(model.statusProperty());
    status.setPadding(new Insets(6, 12, 6, 12));
    left.setBottom(status);
    left.setMinWidth(240);
    left.setPrefWidth(300);

    SplitPane split = new SplitPane(left, conversationPane());
    split.setDividerPositions(0.3);
    SplitPane.setResizableWithParent(left, false);
    root.setTop(header);
    root.setCenter(split);
    root.getStyleClass().add("main-view");
  }

  private Node addContactBar() {
    TextField name = new TextField();
    name.setId("add-contact-name");
    name.setPromptText("Add a contact by username");
    Button add = new Button(null, new FontIcon(Feather.USER_PLUS));
    add.setId("add-contact");
    add.setTooltip(new Tooltip("Add contact"));
    add.setOnAction(
        e -> {
          model.addContact(name.getText());
          name.clear();
        });
    name.setOnAction(add.getOnAction());
    HBox.setHgrow(name, Priority.ALWAYS);
    Label error = new Label();
    error.setId("add-contact-error");
    error.getStyleClass().add("field-error");
    error.textProperty().bind(model.addContactErrorProperty());
    error.visibleProperty().bind(Bindings.isNotEmpty(model.addContactErrorProperty()));
    error.managedProperty().bind(error.visibleProperty());
    error.setWrapText(true);
    VBox box = new VBox(4, new HBox(6, name, add), error);
    box.setPadding(new Insets(10, 12, 10, 12));
    return box;
  }

  private Node conversationPane() {
    Label peer = new Label();
    peer.setId("conversation-title");
    peer.getStyleClass().add("title-4");
    peer.textProperty().bind(model.selectedProperty());
    FontIcon shield = new FontIcon(Feather.SHIELD);
    Label verified = new Label("Verified", shield);
    verified.setId("verified-badge");
    verified.getStyleClass().add("verified-badge");
    verified
        .visibleProperty()
        .bind(
            Bindings.createBooleanBinding(
                () ->
                    model.conversations().stream()
                        .anyMatch(
                            c -> c.peer().equals(model.selectedProperty().get()) && c.verified()),
                model.conversations(),
                model.selectedProperty()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button safety = new Button("Safety number", new FontIcon(Feather.LOCK));
    safety.setId("safety-button");
    safety.setOnAction(e -> showSafetyNumber());
    HBox top = new HBox(10, peer, verified, spacer, safety);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(10, 14, 10, 14));
    top.getStyleClass().add("conversation-header");

    ListView<dev.parley.client.ChatMessage> messages = new ListView<>(model.messages());
    messages.setId("messages");
    messages.setCellFactory(v -> new MessageCell());
    messages.getStyleClass().add("messages");
    messages.setFocusTraversable(false);
    Label noMessages = new Label("No messages yet. Say hello — it is end-to-end encrypted.");
    noMessages.getStyleClass().add("text-muted");
    messages.setPlaceholder(noMessages);
    model
        .messages()
        .addListener(
            (javafx.collections.ListChangeListener<dev.parley.client.ChatMessage>)
                c -> {
                  if (!model.messages().isEmpty()) {
                    messages.scrollTo(model.messages().size() - 1);
                  }
                });

    Label typing = new Label();
    typing.setId("typing");
    typing.getStyleClass().add("text-muted");
    typing.textProperty().bind(model.typingProperty());
    typing.setPadding(new Insets(0, 14, 0, 14));

    TextArea input = new TextArea();
    input.setId("message-input");
    input.setPromptText("Write a message — Enter sends, Shift+Enter for a new line");
    input.setWrapText(true);
    input.setPrefRowCount(2);
    Button send = new Button(null, new FontIcon(Feather.SEND));
    send.setId("send-button");
    send.getStyleClass().add("accent");
    send.setTooltip(new Tooltip("Send (Enter)"));
    Runnable doSend =
        () -> {
          model.send(input.getText());
          input.clear();
        };
    send.setOnAction(e -> doSend.run());
    send.disableProperty()
        .bind(Bindings.createBooleanBinding(() -> input.getText().isBlank(), input.textProperty()));
    input.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            if (e.isShiftDown()) {
              input.insertText(input.getCaretPosition(), "\n");
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
    HBox compose = new HBox(8, input, send);
    compose.setAlignment(Pos.BOTTOM_RIGHT);
    compose.setPadding(new Insets(8, 14, 12, 14));

    BorderPane conversation = new BorderPane();
    conversation.setTop(top);
    conversation.setCenter(messages);
    conversation.setBottom(new VBox(4, typing, compose));

    Label pick = new Label("Pick a conversation, or add a contact to start one.");
    pick.getStyleClass().add("text-muted");
    StackPane placeholder = new StackPane(pick);
    StackPane pane = new StackPane(placeholder, conversation);
    conversation.visibleProperty().bind(model.selectedProperty().isNotNull());
    placeholder.visibleProperty().bind(model.selectedProperty().isNull());
    model.selectedProperty().addListener((o, a, b) -> Fx.run(input::requestFocus));
    return pane;
  }

  private void showSafetyNumber() {
    String peer = model.selectedProperty().get();
    if (peer == null) {
      return;
    }
    boolean verified =
        model.conversations().stream().anyMatch(c -> c.peer().equals(peer) && c.verified());
    Fx.whenDone(
        model.safetyNumber(peer),
        (number, err) -> {
          if (err != null) {
            model.statusProperty().set(Fx.describe(err));
            return;
          }
          new SafetyNumberDialog(root.getScene().getWindow(), peer, number, verified)
              .showAndWait()
              .ifPresent(
                  v -> {
                    if (v != verified) {
                      model.setVerified(peer, v);
                    }
                  });
        });
  }

  /** The node to show. */
  public Parent node() {
    return root;
  }
}
