package dev.parley.app.connect;

import dev.parley.app.dialog.ThemedDialog;
import dev.parley.client.api.ServerTrustException;
import dev.parley.protocol.CertificateFingerprint;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Asks whether to trust a server's certificate; a changed one is a full-stop warning. */
public final class TrustDialog implements ConnectViewModel.TrustPrompt {
  /** Button that accepts the certificate. */
  public static final ButtonType TRUST = new ButtonType("Trust", ButtonBar.ButtonData.OK_DONE);

  /** Button that refuses it (the default when the certificate changed). */
  public static final ButtonType REFUSE =
      new ButtonType("Don't connect", ButtonBar.ButtonData.CANCEL_CLOSE);

  private final Window owner;

  /** A prompt over {@code owner}. */
  public TrustDialog(Window owner) {
    this.owner = owner;
  }

  @Override
  public boolean accept(ServerTrustException q, String announced) {
    return build(q, announced).showAndWait().filter(b -> b == TRUST).isPresent();
  }

  /** The dialog for {@code q} (public so tests can inspect it). */
  public ThemedDialog<ButtonType> build(ServerTrustException q) {
    return build(q, null);
  }

  /** The dialog for {@code q}, noting whether it matches the LAN announcement {@code announced}. */
  public ThemedDialog<ButtonType> build(ServerTrustException q, String announced) {
    ThemedDialog<ButtonType> a =
        new ThemedDialog<>(owner, q.changed() ? "Certificate changed" : "New server");
    a.getDialogPane().getButtonTypes().setAll(TRUST, REFUSE);
    if (q.changed()) {
      FontIcon warning = new FontIcon(Feather.ALERT_TRIANGLE);
      warning.getStyleClass().add("dialog-warning-icon");
      a.setGraphic(warning);
    }
    VBox body = new VBox(10);
    if (q.changed()) {
      a.setHeaderText("The certificate of " + q.address() + " has changed");
      body.getChildren()
          .addAll(
              wrap(
                  "This can mean someone is intercepting your connection. Connect only if the"
                      + " server's admin told you the certificate was replaced."),
              new Label("Trusted before:"),
              fingerprint(q.pinned()),
              new Label("Presented now:"),
              fingerprint(q.presented()));
      // Refusing is the default: Enter must not accept a possible attack.
      ((javafx.scene.control.Button) a.getDialogPane().lookupButton(TRUST)).setDefaultButton(false);
      ((javafx.scene.control.Button) a.getDialogPane().lookupButton(REFUSE)).setDefaultButton(true);
    } else {
      a.setHeaderText("First connection to " + q.address());
      body.getChildren()
          .addAll(
              wrap(
                  "Compare this fingerprint with the one the server printed when it started"
                      + " (ask its admin). Parley remembers it and warns you if it ever"
                      + " changes."),
              fingerprint(q.presented()));
    }
    if (announced != null) {
      Label lan =
          wrap(
              announced.equals(q.presented())
                  ? "It matches the fingerprint this server announced on your network. (Anyone on"
                      + " the network can announce, so comparing it is still your call.)"
                  : "It does NOT match the fingerprint announced on your network.");
      lan.setId("announced-match");
      body.getChildren().add(lan);
    }
    a.getDialogPane().setContent(body);
    a.getDialogPane().setPrefWidth(520);
    return a;
  }

  private static Label wrap(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    return l;
  }

  private static Label fingerprint(String fp) {
    Label l = new Label(CertificateFingerprint.display(fp));
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.getStyleClass().add("fingerprint");
    l.setId("fingerprint-" + (fp.hashCode() & 0xffff));
    return l;
  }
}
