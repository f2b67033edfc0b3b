package dev.parley.app.host;

import dev.parley.app.dialog.ThemedDialog;
import dev.parley.protocol.CertificateFingerprint;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What others need to join the hosted server: its current addresses (updated live when the network
 * changes), the certificate fingerprint in the form the trust dialog shows, copy buttons that say
 * when they copied, and Stop.
 */
public final class HostDialog extends ThemedDialog<ButtonType> {
  /** The button that stops hosting. */
  public static final ButtonType STOP = new ButtonType("Stop hosting", ButtonBar.ButtonData.OTHER);

  /** How long a copy button says "Copied". */
  static final Duration COPIED_FOR = Duration.seconds(2);

  private final HostingService hosting;
  private final VBox addressRows = new VBox(6);

  /** A dialog over {@code owner} showing {@code hosting}. */
  public HostDialog(Window owner, HostingService hosting) {
    super(owner, "Hosting a Parley server");
    this.hosting = hosting;
    setHeaderText("Others on your network can connect to this computer");
    addressRows.setId("host-addresses");
    showAddresses();
    ListChangeListener<String> follow = c -> showAddresses();
    hosting.addresses().addListener(follow);
    hosting.portProperty().addListener((o, a, b) -> showAddresses());
    setOnHidden(e -> hosting.addresses().removeListener(follow));

    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(10);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().setAll(labels, values);
    int row = 0;
    grid.addRow(row++, label("Name"), value("host-name", hosting.nameProperty().get()));
    grid.addRow(row++, label("Addresses"), addressRows);
    String fp = hosting.fingerprintProperty().get();
    Label fpLabel = value("host-fingerprint", CertificateFingerprint.display(fp));
    fpLabel.getStyleClass().add("fingerprint");
    // Shown whole: four lines of eight pairs, never cut or ellipsised.
    fpLabel.setMinWidth(Region.USE_PREF_SIZE);
    fpLabel.setMinHeight(Region.USE_PREF_SIZE);
    grid.addRow(
        row++,
        label("Fingerprint"),
        withCopy(fpLabel, "copy-fingerprint", CertificateFingerprint.displayLine(fp)));
    Label users = new Label();
    users.setId("host-users");
    users.textProperty().bind(Bindings.format("%d signed in", hosting.connectedUsersProperty()));
    grid.addRow(row, label("People"), users);
    Label note = new Label();
    note.setWrapText(true);
    note.textProperty().bind(hosting.portNoteProperty());
    note.visibleProperty().bind(Bindings.isNotEmpty(hosting.portNoteProperty()));
    note.managedProperty().bind(note.visibleProperty());
    note.getStyleClass().add("text-muted");
    VBox body = new VBox(12, grid, note);
    body.setPadding(new Insets(8));
    getDialogPane().setContent(body);
    getDialogPane().setId("host-dialog");
    getDialogPane().setPrefWidth(520);
    getDialogPane().getButtonTypes().setAll(STOP, ButtonType.CLOSE);
    getDialogPane().lookupButton(STOP).getStyleClass().add("danger");
  }

  /** One row per current address, each with its own copy button. */
  private void showAddresses() {
    List<String> now = List.copyOf(hosting.addresses());
    int port = hosting.portProperty().get();
    addressRows.getChildren().clear();
    if (now.isEmpty()) {
      Label none =
          value(
              "host-address-none",
              "No network found; only this computer can connect (port " + port + ").");
      none.setWrapText(true);
      addressRows.getChildren().add(none);
      return;
    }
    for (int i = 0; i < now.size(); i++) {
      String a = now.get(i);
      String text = a.contains(":") ? "[" + a + "]:" + port : a + ":" + port;
      Label l = value("host-address-" + i, text);
      l.getStyleClass().add("host-address");
      addressRows.getChildren().add(withCopy(l, "copy-address-" + i, text));
    }
  }

  private static Label label(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("text-muted");
    return l;
  }

  private static Label value(String id, String text) {
    Label l = new Label(text);
    l.setId(id);
    return l;
  }

  private static Node withCopy(Label value, String id, String text) {
    HBox row = new HBox(8, value, copy(id, text));
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  /** A copy button that says "Copied" for a moment, so the person knows it worked. */
  private static Button copy(String id, String text) {
    Button b = new Button("Copy", new FontIcon(Feather.COPY));
    b.setId(id);
    b.getStyleClass().addAll("flat", "small");
    b.setTooltip(new Tooltip("Copy to the clipboard"));
    b.setMinWidth(Region.USE_PREF_SIZE);
    PauseTransition reset = new PauseTransition(COPIED_FOR);
    reset.setOnFinished(
        e -> {
          b.setText("Copy");
          b.setGraphic(new FontIcon(Feather.COPY));
          b.getStyleClass().remove("success");
        });
    b.setOnAction(
        e -> {
          ClipboardContent c = new ClipboardContent();
          c.putString(text);
          Clipboard.getSystemClipboard().setContent(c);
          b.setText("Copied");
          b.setGraphic(new FontIcon(Feather.CHECK));
          if (!b.getStyleClass().contains("success")) {
            b.getStyleClass().add("success");
          }
          reset.playFromStart();
        });
    return b;
  }
}
