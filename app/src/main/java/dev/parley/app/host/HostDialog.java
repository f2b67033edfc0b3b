package dev.parley.app.host;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** What others need to join the hosted server, with copy buttons, and Stop. */
public final class HostDialog extends Dialog<ButtonType> {
  /** The button that stops hosting. */
  public static final ButtonType STOP = new ButtonType("Stop hosting", ButtonBar.ButtonData.OTHER);

  /** A dialog over {@code owner} showing {@code hosting}. */
  public HostDialog(Window owner, HostingService hosting) {
    initOwner(owner);
    setTitle("Hosting a Parley server");
    setHeaderText("Others on your network can connect to this computer");
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    int row = 0;
    grid.addRow(row++, new Label("Name"), value("host-name", hosting.nameProperty().get()));
    for (String a : hosting.addresses()) {
      String text =
          a.contains(":")
              ? "[" + a + "]:" + hosting.portProperty().get()
              : a + ":" + hosting.portProperty().get();
      grid.addRow(row++, new Label("Address"), value("host-address-" + row, text), copy(text));
    }
    if (hosting.addresses().isEmpty()) {
      grid.addRow(
          row++,
          new Label("Address"),
          value(
              "host-address-none",
              "No network found; only this computer can connect (port "
                  + hosting.portProperty().get()
                  + ")."));
    }
    String fp = hosting.fingerprintProperty().get();
    Label fpLabel = value("host-fingerprint", fp);
    fpLabel.getStyleClass().add("fingerprint");
    fpLabel.setWrapText(true);
    fpLabel.setMaxWidth(360);
    grid.addRow(row++, new Label("Fingerprint"), fpLabel, copy(fp));
    Label users = new Label();
    users.setId("host-users");
    users.textProperty().bind(Bindings.format("%d signed in", hosting.connectedUsersProperty()));
    grid.addRow(row, new Label("People"), users);
    Label note = new Label();
    note.textProperty().bind(hosting.portNoteProperty());
    note.visibleProperty().bind(Bindings.isNotEmpty(hosting.portNoteProperty()));
    note.managedProperty().bind(note.visibleProperty());
    note.getStyleClass().add("text-muted");
    VBox body = new VBox(12, grid, note);
    body.setPadding(new Insets(8));
    getDialogPane().setContent(body);
    getDialogPane().getButtonTypes().setAll(STOP, ButtonType.CLOSE);
  }

  private static Label value(String id, String text) {
    Label l = new Label(text);
    l.setId(id);
    return l;
  }

  private static Button copy(String text) {
    Button b = new Button(null, new FontIcon(Feather.COPY));
    b.getStyleClass().addAll("button-icon", "flat");
    b.setTooltip(new Tooltip("Copy"));
    b.setOnAction(
        e -> {
          ClipboardContent c = new ClipboardContent();
          c.putString(text);
          Clipboard.getSystemClipboard().setContent(c);
        });
    return b;
  }
}
