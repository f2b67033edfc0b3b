package dev.parley.app.dialog;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The one base of every dialog in the app: owned by the window it belongs to, styled with that
 * window's stylesheets (the app's theme CSS, on top of the AtlantaFX theme every window has), no
 * stock graphic, resizable, and placed centred over its owner and wholly on its owner's screen
 * (moved back on screen whenever it grows).
 */
public class ThemedDialog<R> extends Dialog<R> {
  /** Narrowest a dialog gets: room for a sentence and two buttons. */
  public static final double MIN_WIDTH = 380;

  /** A dialog over {@code owner} titled {@code title}. */
  public ThemedDialog(Window owner, String title) {
    initOwner(owner);
    setTitle(title);
    setGraphic(null);
    setHeaderText(null);
    setResizable(true);
    DialogPane pane = getDialogPane();
    pane.getStyleClass().add("parley-dialog");
    pane.setMinWidth(MIN_WIDTH);
    if (owner != null && owner.getScene() != null) {
      pane.getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    setOnShown(e -> place());
    // A dialog whose content grows (a wrapped label, a live address list) must stay on screen.
    widthProperty().addListener((o, a, b) -> keepOnScreen());
    heightProperty().addListener((o, a, b) -> keepOnScreen());
  }

  /** Centres the dialog over its owner, then keeps it on screen. */
  final void place() {
    Window owner = getOwner();
    if (owner != null && getWidth() > 0) {
      setX(owner.getX() + (owner.getWidth() - getWidth()) / 2);
      setY(owner.getY() + (owner.getHeight() - getHeight()) / 3);
    }
    keepOnScreen();
  }

  private void keepOnScreen() {
    if (!isShowing() || getWidth() <= 0) {
      return;
    }
    Rectangle2D area = screenArea();
    double w = Math.min(getWidth(), area.getWidth());
    double h = Math.min(getHeight(), area.getHeight());
    if (w < getWidth()) {
      setWidth(w);
    }
    if (h < getHeight()) {
      setHeight(h);
    }
    double x = Math.max(area.getMinX(), Math.min(getX(), area.getMaxX() - w));
    double y = Math.max(area.getMinY(), Math.min(getY(), area.getMaxY() - h));
    if (x != getX()) {
      setX(x);
    }
    if (y != getY()) {
      setY(y);
    }
  }

  /** The visual bounds of the screen under the owner's centre (or the primary screen). */
  private Rectangle2D screenArea() {
    Window owner = getOwner();
    if (owner != null) {
      double cx = owner.getX() + owner.getWidth() / 2;
      double cy = owner.getY() + owner.getHeight() / 2;
      for (Screen s : Screen.getScreensForRectangle(cx, cy, 1, 1)) {
        return s.getVisualBounds();
      }
    }
    return Screen.getPrimary().getVisualBounds();
  }
}
