package dev.parley.app.emoji;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The composer's emoji picker: a popup above its button with a search field (by name), the recently
 * used emoji and one tab per category. Fully usable from the keyboard: it opens with the search
 * field focused, typing filters, Enter picks the first match, Down or Tab moves into the grid,
 * arrow keys move between emoji, Enter or Space picks, Escape closes. Themed by the app's
 * stylesheets (the owner scene's are copied in, light or dark alike).
 */
public final class EmojiPicker {
  /** Shown per search at most: a whole category is a few hundred, a search far fewer. */
  private static final int MAX_RESULTS = 200;

  private static final String RECENT_TAB = "Recently used";
  private static final double CELL = 26;

  private final Consumer<String> insert;
  private final Popup popup = new Popup();
  private final TextField search = new TextField();
  private final FlowPane grid = new FlowPane();
  private final Label title = new Label();
  private final Label hovered = new Label(" ");
  private final ToggleGroup tabs = new ToggleGroup();
  private final VBox root;

  /** A picker that passes each picked emoji, as text, to {@code insert}. */
  public EmojiPicker(Consumer<String> insert) {
    this.insert = insert;
    search.setId("emoji-search");
    search.setPromptText("Search emoji");
    search.textProperty().addListener((o, a, q) -> refresh());
    search.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER && !grid.getChildren().isEmpty()) {
            ((Button) grid.getChildren().get(0)).fire();
            e.consume();
          } else if (e.getCode() == KeyCode.DOWN && !grid.getChildren().isEmpty()) {
            grid.getChildren().get(0).requestFocus();
            e.consume();
          }
        });
    HBox tabBar = new HBox(2);
    tabBar.getStyleClass().add("emoji-tabs");
    tabBar.getChildren().add(tab(RECENT_TAB, new FontIcon(Feather.CLOCK), 0));
    int i = 1;
    for (Map.Entry<String, List<Emoji>> c : EmojiSet.get().categories().entrySet()) {
      tabBar.getChildren().add(tab(c.getKey(), EmojiImages.view(c.getValue().get(0), 18), i++));
    }
    tabs.selectedToggleProperty()
        .addListener(
            (o, was, now) -> {
              if (now == null) {
                was.setSelected(true); // one tab is always selected
              } else {
                search.clear();
                refresh();
              }
            });
    grid.setId("emoji-grid");
    grid.getStyleClass().add("emoji-grid");
    grid.setPrefWrapLength(CELL * 10 + 20);
    grid.setHgap(2);
    grid.setVgap(2);
    ScrollPane scroll = new ScrollPane(grid);
    scroll.setFitToWidth(true);
    scroll.setPrefViewportHeight(CELL * 8);
    scroll.setPrefViewportWidth(CELL * 10 + 20);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    title.getStyleClass().add("emoji-picker-title");
    hovered.getStyleClass().add("text-muted");
    hovered.setId("emoji-name");
    root = new VBox(6, search, tabBar, title, scroll, hovered);
    root.setId("emoji-picker");
    root.getStyleClass().add("emoji-picker");
    popup.getContent().add(root);
    popup.setAutoHide(true);
    popup.setHideOnEscape(true);
    RecentEmoji.list()
        .addListener(
            (javafx.collections.ListChangeListener<Emoji>)
                c -> {
                  if (!popup.isShowing()) {
                    return;
                  }
                  refresh();
                });
  }

  /** A button that opens a picker inserting into the composer; {@code after} runs on each pick. */
  public static Button button(Consumer<String> insert, Runnable after) {
    Button b = new Button(null, new FontIcon(Feather.SMILE));
    b.setId("emoji-button");
    b.getStyleClass().add("flat");
    b.setTooltip(new Tooltip("Emoji"));
    b.setAccessibleText("Emoji");
    EmojiPicker picker =
        new EmojiPicker(
            text -> {
              insert.accept(text);
              after.run();
            });
    b.setOnAction(e -> picker.toggle(b));
    return b;
  }

  /** Shows the picker above {@code anchor}, or hides it if it is showing. */
  public void toggle(Node anchor) {
    if (popup.isShowing()) {
      popup.hide();
      return;
    }
    root.getStylesheets().setAll(anchor.getScene().getStylesheets());
    // Recently used first, if there are any; otherwise the first category.
    tabs.selectToggle(tabs.getToggles().get(RecentEmoji.list().isEmpty() ? 1 : 0));
    search.clear();
    refresh();
    Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
    popup.show(anchor, b.getMinX(), b.getMinY());
    popup.setY(b.getMinY() - popup.getHeight() - 4);
    search.requestFocus();
  }

  /** Whether it is showing. */
  public boolean isShowing() {
    return popup.isShowing();
  }

  private ToggleButton tab(String name, Node icon, int index) {
    ToggleButton t = new ToggleButton(null, icon);
    t.setId("emoji-tab-" + index);
    t.setUserData(name);
    t.setToggleGroup(tabs);
    t.getStyleClass().add("flat");
    t.setTooltip(new Tooltip(name));
    t.setAccessibleText(name);
    return t;
  }

  private void refresh() {
    String q = search.getText();
    List<Emoji> shown;
    if (!q.isBlank()) {
      List<Emoji> found = EmojiSet.get().search(q);
      shown = found.subList(0, Math.min(MAX_RESULTS, found.size()));
      title.setText(found.isEmpty() ? "No emoji found" : "Search results");
    } else {
      String name =
          tabs.getSelectedToggle() == null
              ? RECENT_TAB
              : (String) tabs.getSelectedToggle().getUserData();
      shown =
          name.equals(RECENT_TAB)
              ? new ArrayList<>(RecentEmoji.list())
              : EmojiSet.get().categories().get(name);
      title.setText(name.equals(RECENT_TAB) && shown.isEmpty() ? "Nothing used yet" : name);
    }
    List<Node> cells = new ArrayList<>(shown.size());
    for (Emoji e : shown) {
      cells.add(cell(e));
    }
    grid.getChildren().setAll(cells);
  }

  private Button cell(Emoji e) {
    Button b = new Button(null, EmojiImages.view(e, 22));
    b.getStyleClass().addAll("flat", "emoji-cell");
    b.setAccessibleText(e.name());
    b.setUserData(e);
    b.setMinSize(CELL, CELL);
    b.setPrefSize(CELL, CELL);
    b.setAlignment(Pos.CENTER);
    b.setOnAction(
        a -> {
          popup.hide();
          RecentEmoji.used(e);
          insert.accept(e.text());
        });
    Runnable name =
        () ->
            hovered.setText(
                e.name() + (e.shortNames().isEmpty() ? "" : "  :" + e.shortNames().get(0) + ":"));
    b.setOnMouseEntered(m -> name.run());
    b.focusedProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                name.run();
              }
            });
    return b;
  }
}
