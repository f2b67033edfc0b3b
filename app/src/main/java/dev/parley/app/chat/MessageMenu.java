package dev.parley.app.chat;

import dev.parley.app.text.SelectableText;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A message's context menu, built when asked for (not one per cell): "Copy text" (the whole
 * message, as written) and "Select all". Reply, edit and delete are further items of this menu.
 */
final class MessageMenu {
  private MessageMenu() {}

  /** Shows the menu of the message shown by {@code text} where {@code e} asked for it. */
  static void show(SelectableText text, ContextMenuEvent e) {
    MenuItem copy = new MenuItem("Copy text", new FontIcon(Feather.COPY));
    copy.setId("copy-text");
    copy.setOnAction(a -> text.copyAll());
    MenuItem selectAll = new MenuItem("Select all");
    selectAll.setId("select-all");
    selectAll.setOnAction(a -> text.selectAll());
    ContextMenu menu = new ContextMenu(copy, selectAll);
    menu.setId("message-menu");
    menu.show(text, e.getScreenX(), e.getScreenY());
    e.consume();
  }
}
