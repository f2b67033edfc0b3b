package dev.parley.app.connect;

import dev.parley.client.ServerTrustException;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

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
  public Alert build(ServerTrustException q) {
    return build(q, null);
  }

  /** The dialog for {@code q}, noting whether it matches the LAN announcement {@code announced}. */
  public Alert build(ServerTrustException q, String announced) {
    Alert a = new Alert(q.changed() ? Alert.AlertType.WARNING : Alert.AlertType.CONFIRMATION);
    a.initOwner(owner);
    a.getButtonTypes().setAll(TRUST, REFUSE);
    a.setTitle(q.changed() ? "Certificate changed" : "New server");
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
    // 32 hex pairs in four lines of eight: easy to compare aloud.
    String[] pairs = fp.split(":");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < pairs.length; i++) {
      s.append(pairs[i]).append(i % 8 == 7 ? "\n" : " ");
    }
    Label l = new Label(s.toString().strip());
    l.getStyleClass().add("fingerprint");
    l.setId("fingerprint-" + (fp.hashCode() & 0xffff));
    return l;
  }
}
