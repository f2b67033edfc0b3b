package dev.parley.app.connect;

import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;

/** A server connected to before: its name, and the address it is offered at. */
final class RecentServerCell extends ListCell<RecentServer> {
  private final Label name = new Label();
  private final Label where = new Label();
  private final HBox row = new HBox(8, name, where);

  RecentServerCell() {
    name.getStyleClass().add("recent-server-name");
    where.getStyleClass().add("text-muted");
    where.setMinWidth(0);
    row.setAlignment(Pos.BASELINE_LEFT);
    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
  }

  @Override
  protected void updateItem(RecentServer s, boolean empty) {
    super.updateItem(s, empty);
    if (empty || s == null) {
      setGraphic(null);
      setAccessibleText(null);
      return;
    }
    String address = s.address().toString();
    boolean named = !s.name().isEmpty();
    name.setText(named ? s.name() : address);
    where.setText(named ? address : "");
    where.setVisible(named);
    setAccessibleText(named ? s.name() + " at " + address : address);
    setGraphic(row);
  }
}
