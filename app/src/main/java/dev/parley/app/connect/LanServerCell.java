package dev.parley.app.connect;

import dev.parley.client.discovery.LanServer;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A server announced on the LAN: its name and addresses; the selected row offers a Connect button,
 * so one click picks it and a second one (or Enter, or a double-click) connects.
 */
final class LanServerCell extends ListCell<LanServer> {
  private final Label name = new Label();
  private final Label where = new Label();
  private final Button connect = new Button("Connect", new FontIcon(Feather.ARROW_RIGHT));
  private final HBox row;

  LanServerCell(Consumer<LanServer> onConnect) {
    name.getStyleClass().add("lan-server-name");
    where.getStyleClass().add("text-muted");
    VBox text = new VBox(2, name, where);
    text.setMinWidth(0);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    connect.setId("lan-connect");
    connect.getStyleClass().add("accent");
    connect.setContentDisplay(ContentDisplay.RIGHT);
    connect.setMinWidth(Region.USE_PREF_SIZE);
    connect.setFocusTraversable(false);
    connect.visibleProperty().bind(selectedProperty());
    connect.managedProperty().bind(connect.visibleProperty());
    connect.setOnAction(
        e -> {
          if (getItem() != null) {
            onConnect.accept(getItem());
          }
        });
    row = new HBox(10, text, spacer, connect);
    row.setAlignment(Pos.CENTER_LEFT);
    row.setPadding(new javafx.geometry.Insets(4, 6, 4, 6));
    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
  }

  @Override
  protected void updateItem(LanServer s, boolean empty) {
    super.updateItem(s, empty);
    if (empty || s == null) {
      setGraphic(null);
      setAccessibleText(null);
      return;
    }
    name.setText(s.name());
    where.setText(String.join(", ", s.hosts()) + " · port " + s.port());
    setAccessibleText(s.name() + " at " + where.getText());
    setGraphic(row);
  }
}
