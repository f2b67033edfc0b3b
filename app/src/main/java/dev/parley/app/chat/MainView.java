package dev.parley.app.chat;

import dev.parley.app.dialog.Dialogs;
import dev.parley.app.ui.Fx;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
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
  /** Ctrl+N (Cmd+N on macOS): start a new chat. */
  public static final KeyCombination NEW_CHAT =
      new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);

  /** Ctrl+Tab: next conversation. */
  public static final KeyCombination NEXT =
      new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN);

  /** Ctrl+Shift+Tab: previous conversation. */
  public static final KeyCombination PREVIOUS =
      new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_DOWN);

  /** Alt+Down: next conversation. */
  public static final KeyCombination NEXT_ALT =
      new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN);

  /** Alt+Up: previous conversation. */
  public static final KeyCombination PREVIOUS_ALT =
      new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN);

  private final MainViewModel model;
  private final Consumer<String> openWindow;
  private final BorderPane root = new BorderPane();
  private final TextField addContactName = new TextField();
  private final ListView<ConversationItem> list;
  private ConversationView current;
  // True while the user walks the contacts list with the arrow keys: the list keeps the focus then.
  private boolean walkingList;

  /**
   * A view of {@code model}; {@code header} is the shared app bar, {@code openWindow} opens a
   * contact's conversation in its own window.
   */
  public MainView(MainViewModel model, Node header, Consumer<String> openWindow) {
    this.model = model;
    this.openWindow = openWindow;
    BorderPane left = new BorderPane();
    left.setTop(addContactBar());
    list = new ListView<>(model.conversations());
    list.setId("conversations");
    list.addEventFilter(KeyEvent.KEY_PRESSED, e -> walkingList = true);
    list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> walkingList = false);
    list.setCellFactory(
        v -> {
          ConversationCell cell = new ConversationCell(model::addToContacts);
          cell.emptyProperty()
              .addListener((o, a, empty) -> cell.setContextMenu(empty ? null : contactMenu(cell)));
          cell.setOnMouseClicked(
              e -> {
                if (e.getClickCount() == 2 && cell.getItem() != null) {
                  openWindow.accept(cell.getItem().peer());
                }
              });
          return cell;
        });
    list.setOnKeyPressed(
        e -> {
          ConversationItem item = list.getSelectionModel().getSelectedItem();
          if (item != null
              && (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE)) {
            confirmRemove(item.peer());
            e.consume();
          } else if (item != null && e.getCode() == KeyCode.ENTER) {
            focusComposer();
            e.consume();
          }
        });
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
            (ListChangeListener<ConversationItem>)
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
    // Long states ("Connection lost — reconnecting…") wrap in the narrow column.
    status.setWrapText(true);
    status.setMinHeight(Region.USE_PREF_SIZE);
    left.setBottom(status);
    left.setMinWidth(240);
    left.setPrefWidth(300);

    SplitPane split = new SplitPane(left, conversationPane());
    split.setDividerPositions(0.3);
    SplitPane.setResizableWithParent(left, false);
    root.setTop(header);
    root.setCenter(split);
    root.getStyleClass().add("main-view");
    installShortcuts();
    // Right after logging in nothing is open yet: the first thing to do is add someone, so typed
    // text goes there rather than nowhere.
    Fx.focusWhenShown(root, () -> model.selectedProperty().get() == null ? addContactName : null);
  }

  private Node addContactBar() {
    TextField name = addContactName;
    name.setId("add-contact-name");
    // Short enough for the narrowest column; the tooltip says more.
    name.setPromptText("Add by username");
    name.setTooltip(new Tooltip("Add a contact by their username (Ctrl+N)"));
    Button add = new Button(null, new FontIcon(Feather.USER_PLUS));
    add.setId("add-contact");
    add.setTooltip(new Tooltip("Add contact (Ctrl+N)"));
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
    Label pick = new Label("Pick a conversation, or add a contact to start one.");
    pick.getStyleClass().add("text-muted");
    StackPane noConversation = new StackPane(pick);
    StackPane pane = new StackPane(noConversation);
    Runnable show =
        () -> {
          ConversationViewModel c = model.conversationProperty().get();
          if (c == null) {
            pane.getChildren().setAll(noConversation);
            return;
          }
          ConversationView view = new ConversationView(c, () -> openWindow.accept(c.peer()));
          current = view;
          pane.getChildren().setAll(view.node());
          // Typing goes to the conversation just picked, however it was picked; only someone
          // walking the list with the arrow keys keeps the focus there (Enter then moves it).
          if (!(walkingList && list.isFocused())) {
            view.focusInput();
          }
        };
    model
        .conversationProperty()
        .addListener(
            (o, a, b) -> {
              if (b == null) {
                current = null;
              }
              show.run();
            });
    show.run();
    return pane;
  }

  /**
   * Opens {@code peer}'s conversation and puts the cursor in its composer, also when it was open
   * already (a notification was clicked).
   */
  public void openConversation(String peer) {
    walkingList = false;
    model.selectedProperty().set(peer);
    focusComposer();
  }

  private void focusComposer() {
    if (current != null) {
      current.focusInput();
    }
  }

  private ContextMenu contactMenu(ListCell<ConversationItem> cell) {
    MenuItem window = new MenuItem("Open in a new window", new FontIcon(Feather.EXTERNAL_LINK));
    window.setOnAction(e -> openWindow.accept(cell.getItem().peer()));
    MenuItem remove = new MenuItem("Remove contact…", new FontIcon(Feather.USER_MINUS));
    remove.setId("remove-contact");
    remove.setOnAction(e -> confirmRemove(cell.getItem().peer()));
    return new ContextMenu(window, remove);
  }

  private void confirmRemove(String peer) {
    if (Dialogs.confirm(
        root.getScene().getWindow(),
        "Remove contact",
        "Remove " + peer + " from your contacts?",
        "You will no longer see when "
            + peer
            + " is online. Your conversation stays on this computer, and "
            + peer
            + " can still write to you.",
        "Remove",
        true)) {
      model.removeContact(peer);
    }
  }

  /**
   * Keyboard shortcuts: new chat, next and previous conversation. A filter rather than scene
   * accelerators, because the message field would otherwise take Ctrl+Tab for focus traversal.
   */
  private void installShortcuts() {
    root.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (NEW_CHAT.match(e)) {
            addContactName.requestFocus();
          } else if (NEXT.match(e) || NEXT_ALT.match(e)) {
            walkingList = false;
            model.selectNeighbour(1);
          } else if (PREVIOUS.match(e) || PREVIOUS_ALT.match(e)) {
            walkingList = false;
            model.selectNeighbour(-1);
          } else {
            return;
          }
          e.consume();
        });
  }

  /** The node to show. */
  public Parent node() {
    return root;
  }
}
