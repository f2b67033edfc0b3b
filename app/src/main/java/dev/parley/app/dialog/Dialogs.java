package dev.parley.app.dialog;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** The app's confirmation, information and error dialogs, all {@link ThemedDialog}s. */
public final class Dialogs {
  /** The cancel button of every confirmation. */
  public static final ButtonType CANCEL =
      new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);

  private Dialogs() {}

  /**
   * A question over {@code owner}: {@code header} asks it, {@code body} says what follows, {@code
   * action} names the button that does it. A {@code destructive} action is shown in the danger
   * colour and Cancel is the default button, so Enter never destroys anything.
   */
  public static ThemedDialog<ButtonType> confirmation(
      Window owner, String title, String header, String body, String action, boolean destructive) {
    ThemedDialog<ButtonType> d = new ThemedDialog<>(owner, title);
    d.getDialogPane().setId("confirm-dialog");
    d.setHeaderText(header);
    d.getDialogPane().setContent(text(body));
    ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
    d.getDialogPane().getButtonTypes().setAll(ok, CANCEL);
    Button okButton = (Button) d.getDialogPane().lookupButton(ok);
    okButton.setId("confirm-ok");
    if (destructive) {
      okButton.getStyleClass().add("danger");
      okButton.setDefaultButton(false);
      ((Button) d.getDialogPane().lookupButton(CANCEL)).setDefaultButton(true);
    }
    d.getDialogPane().setPrefWidth(460);
    return d;
  }

  /** Asks (see {@link #confirmation}) and waits; true when the person chose {@code action}. */
  public static boolean confirm(
      Window owner, String title, String header, String body, String action, boolean destructive) {
    return confirmation(owner, title, header, body, action, destructive)
        .showAndWait()
        .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
        .isPresent();
  }

  /** Tells about a failure over {@code owner} and waits until it is dismissed. */
  public static void error(Window owner, String title, String header, String body) {
    ThemedDialog<ButtonType> d = new ThemedDialog<>(owner, title);
    d.getDialogPane().setId("error-dialog");
    d.getDialogPane().getStyleClass().add("error-dialog");
    d.setHeaderText(header);
    d.getDialogPane().setContent(text(body));
    d.getDialogPane().getButtonTypes().setAll(ButtonType.OK);
    d.getDialogPane().setPrefWidth(460);
    d.showAndWait();
  }

  /** Wrapped, selectable-width body text. */
  private static Label text(String body) {
    Label l = new Label(body);
    l.setWrapText(true);
    l.setId("dialog-text");
    l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    return l;
  }
}
