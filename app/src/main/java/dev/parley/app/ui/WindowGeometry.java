package dev.parley.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.event.EventHandler;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Where the main window opens: the first time at a comfortable size for the screen, centred; after
 * that where the user left it (size, position, maximised), kept in the app's {@link Preferences}
 * node. A remembered place that no screen shows any more (a monitor was unplugged, the resolution
 * dropped) is pulled back onto the nearest screen.
 */
public final class WindowGeometry {
  /** The size a first launch asks for, shrunk to fit smaller screens. */
  static final double PREFERRED_WIDTH = 1100;

  /** See {@link #PREFERRED_WIDTH}. */
  static final double PREFERRED_HEIGHT = 720;

  /** The smallest main window: every screen's text still fits at this size. */
  public static final double MIN_WIDTH = 720;

  /** See {@link #MIN_WIDTH}. */
  public static final double MIN_HEIGHT = 520;

  /** Share of the screen's usable area a first window may take at most. */
  private static final double MAX_SHARE = 0.92;

  // New keys: windows saved by older versions were often stuck at the minimum size.
  static final String X = "window.x";
  static final String Y = "window.y";
  static final String WIDTH = "window.width";
  static final String HEIGHT = "window.height";
  static final String MAXIMIZED = "window.maximized";

  private WindowGeometry() {}

  /**
   * Sizes and places {@code stage} (before it is shown) and remembers its changes in {@code prefs}.
   */
  public static void apply(Stage stage, Preferences prefs) {
    stage.setMinWidth(MIN_WIDTH);
    stage.setMinHeight(MIN_HEIGHT);
    openAt(stage, restored(prefs, screens()));
    stage.setMaximized(prefs.getBoolean(MAXIMIZED, false));
    remember(stage, prefs);
  }

  /**
   * Opens {@code stage} with {@code bounds}. Set before it is shown and again once it is: GTK under
   * some window managers (openbox, for one) ignores the size and place asked for before the window
   * is mapped and opens it at its minimum size in a corner.
   */
  public static void openAt(Stage stage, Rectangle2D bounds) {
    place(stage, bounds);
    EventHandler<WindowEvent> once =
        new EventHandler<>() {
          @Override
          public void handle(WindowEvent e) {
            stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
            if (!stage.isMaximized()) {
              place(stage, bounds);
            }
          }
        };
    stage.addEventHandler(WindowEvent.WINDOW_SHOWN, once);
  }

  /** {@code w} × {@code h} (shrunk to fit), centred on the primary screen's usable area. */
  public static Rectangle2D centredOnScreen(double w, double h, double minW, double minH) {
    return centred(Screen.getPrimary().getVisualBounds(), w, h, minW, minH);
  }

  private static Rectangle2D centred(
      Rectangle2D screen, double w, double h, double minW, double minH) {
    double width =
        Math.max(Math.min(minW, screen.getWidth()), Math.min(w, screen.getWidth() * MAX_SHARE));
    double height =
        Math.max(Math.min(minH, screen.getHeight()), Math.min(h, screen.getHeight() * MAX_SHARE));
    return new Rectangle2D(
        screen.getMinX() + (screen.getWidth() - width) / 2,
        screen.getMinY() + (screen.getHeight() - height) / 2,
        width,
        height);
  }

  private static void place(Stage stage, Rectangle2D bounds) {
    stage.setX(bounds.getMinX());
    stage.setY(bounds.getMinY());
    stage.setWidth(bounds.getWidth());
    stage.setHeight(bounds.getHeight());
  }

  /** The screens' usable areas, the primary first. */
  private static List<Rectangle2D> screens() {
    List<Rectangle2D> out = new ArrayList<>();
    out.add(Screen.getPrimary().getVisualBounds());
    Screen.getScreens().stream()
        .filter(s -> !s.equals(Screen.getPrimary()))
        .forEach(s -> out.add(s.getVisualBounds()));
    return out;
  }

  /** Where the window goes, given the usable areas of the screens (the primary first). */
  static Rectangle2D restored(Preferences prefs, List<Rectangle2D> screens) {
    Rectangle2D primary = screens.get(0);
    double w = prefs.getDouble(WIDTH, -1);
    double h = prefs.getDouble(HEIGHT, -1);
    if (w <= 0 || h <= 0 || prefs.get(X, null) == null) {
      return centred(primary, PREFERRED_WIDTH, PREFERRED_HEIGHT, MIN_WIDTH, MIN_HEIGHT);
    }
    double x = prefs.getDouble(X, 0);
    double y = prefs.getDouble(Y, 0);
    Rectangle2D screen = nearest(screens, x + w / 2, y + h / 2);
    double width = clamp(w, MIN_WIDTH, screen.getWidth());
    double height = clamp(h, MIN_HEIGHT, screen.getHeight());
    // Whole window on that screen, so its title bar can always be grabbed.
    return new Rectangle2D(
        clamp(x, screen.getMinX(), screen.getMaxX() - width),
        clamp(y, screen.getMinY(), screen.getMaxY() - height),
        width,
        height);
  }

  /** The screen containing the point, else the one whose area is closest to it. */
  private static Rectangle2D nearest(List<Rectangle2D> screens, double x, double y) {
    Rectangle2D best = screens.get(0);
    double bestDistance = Double.MAX_VALUE;
    for (Rectangle2D s : screens) {
      double dx = Math.max(0, Math.max(s.getMinX() - x, x - s.getMaxX()));
      double dy = Math.max(0, Math.max(s.getMinY() - y, y - s.getMaxY()));
      double d = dx * dx + dy * dy;
      if (d < bestDistance) {
        best = s;
        bestDistance = d;
      }
    }
    return best;
  }

  private static double clamp(double v, double min, double max) {
    return max < min ? min : Math.max(min, Math.min(max, v));
  }

  /**
   * Keeps the window's normal (not maximised) bounds and its maximised state in {@code prefs} as
   * they change, so they survive even a crash. Checked a pulse later: a window manager may report
   * the maximised size before it reports the maximised state.
   */
  private static void remember(Stage stage, Preferences prefs) {
    boolean[] pending = new boolean[1];
    InvalidationListener changed =
        o -> {
          if (pending[0]) {
            return;
          }
          pending[0] = true;
          Platform.runLater(
              () -> {
                pending[0] = false;
                save(stage, prefs);
              });
        };
    stage.xProperty().addListener(changed);
    stage.yProperty().addListener(changed);
    stage.widthProperty().addListener(changed);
    stage.heightProperty().addListener(changed);
    stage.maximizedProperty().addListener(changed);
    stage
        .maximizedProperty()
        .addListener(
            (o, was, now) -> {
              if (was && !now) {
                // Back to the remembered size: a window maximised before it was first shown has no
                // earlier size the platform could restore.
                Rectangle2D normal = restored(prefs, screens());
                place(stage, normal);
                Platform.runLater(() -> place(stage, normal));
              }
            });
    stage.showingProperty().addListener(o -> save(stage, prefs));
  }

  private static void save(Stage stage, Preferences prefs) {
    if (!stage.isShowing() || stage.isIconified() || stage.isFullScreen()) {
      return;
    }
    try {
      prefs.putBoolean(MAXIMIZED, stage.isMaximized());
      if (!stage.isMaximized()) {
        prefs.putDouble(X, stage.getX());
        prefs.putDouble(Y, stage.getY());
        prefs.putDouble(WIDTH, stage.getWidth());
        prefs.putDouble(HEIGHT, stage.getHeight());
      }
    } catch (IllegalStateException removed) {
      // the settings node was deleted while the window was open (tests do this)
    }
  }
}
