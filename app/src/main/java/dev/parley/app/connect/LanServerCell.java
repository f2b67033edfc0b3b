package dev.parley.app.connect;

import dev.parley.client.discovery.LanOffer;
import dev.parley.client.discovery.LanServer;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * A server announced on the LAN: its name (the known one for a server used before, marked so) and
 * addresses, or a warning when it only borrows a known server's name; the selected row offers a
 * Connect button, so one click picks it and a second one (or Enter, or a double-click) connects.
 */
final class LanServerCell extends ListCell<LanServer> {
  private final Function<LanServer, LanOffer> offers;
  private final Label name = new Label();
  private final Label usedBefore = new Label("Used before");
  private final Label lookalike = new Label();
  private final Label where = new Label();
  private final Button connect = new Button("Connect", new FontIcon(Feather.ARROW_RIGHT));
  private final HBox row;

  LanServerCell(Function<LanServer, LanOffer> offers, Consumer<LanServer> onConnect) {
    this.offers = offers;
    name.getStyleClass().add("lan-server-name");
    usedBefore.setId("lan-used-before");
    usedBefore.getStyleClass().addAll("text-muted", "text-small");
    lookalike.setId("lan-lookalike");
    lookalike.getStyleClass().addAll("danger", "text-small");
    lookalike.setWrapText(true);
    for (Label l : new Label[] {usedBefore, lookalike}) {
      l.managedProperty().bind(l.visibleProperty());
    }
    where.getStyleClass().add("text-muted");
    HBox title = new HBox(8, name, usedBefore);
    title.setAlignment(Pos.BASELINE_LEFT);
    VBox text = new VBox(2, title, lookalike, where);
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
    LanOffer offer = offers.apply(s);
    name.setText(offer.name());
    usedBefore.setVisible(offer.usedBefore());
    lookalike.setVisible(offer.lookalike());
    lookalike.setText(
        "Not the \u201c" + offer.name() + "\u201d you used before: its certificate is another.");
    where.setText(String.join(", ", s.hosts()) + " · port " + s.port());
    setAccessibleText(
        offer.name()
            + (offer.usedBefore() ? ", used before" : "")
            + (offer.lookalike() ? ", " + lookalike.getText() : "")
            + " at "
            + where.getText());
    setGraphic(row);
  }
}
