package dev.parley.app.chat;

import dev.parley.app.dialog.ThemedDialog;
import dev.parley.crypto.SafetyNumber;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Shows the 60-digit safety number in 12 groups and the "verified" switch. */
final class SafetyNumberDialog extends ThemedDialog<Boolean> {
  SafetyNumberDialog(Window owner, String peer, SafetyNumber number, boolean verified) {
    super(owner, "Safety number with " + peer);
    setHeaderText("Compare these numbers with " + peer + "'s screen, in person or by phone");
    GridPane grid = new GridPane();
    grid.setHgap(18);
    grid.setVgap(8);
    grid.setId("safety-number");
    grid.getStyleClass().add("safety-number");
    var groups = number.groups();
    for (int i = 0; i < groups.size(); i++) {
      Label g = new Label(groups.get(i));
      g.getStyleClass().add("safety-group");
      grid.add(g, i % 4, i / 4);
    }
    Label explain =
        new Label(
            "If they match, nobody is in the middle of your conversation. If "
                + peer
                + " gets a new device, the number changes and Parley tells you.");
    explain.setWrapText(true);
    CheckBox mark = new CheckBox("Mark " + peer + " as verified");
    mark.setId("verified-toggle");
    mark.setSelected(verified);
    VBox body = new VBox(14, grid, explain, mark);
    body.setPadding(new Insets(8));
    getDialogPane().setContent(body);
    getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
    getDialogPane().setPrefWidth(460);
    setResultConverter(b -> mark.isSelected());
  }
}
