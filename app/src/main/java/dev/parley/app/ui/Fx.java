package dev.parley.app.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import javafx.application.Platform;

/** Bridges the client core's futures and callbacks onto the JavaFX thread. */
public final class Fx {
  private Fx() {}

  /** Runs {@code r} on the FX thread (now if already there). */
  public static void run(Runnable r) {
    if (Platform.isFxApplicationThread()) {
      r.run();
    } else {
      Platform.runLater(r);
    }
  }

  /** Calls {@code then} on the FX thread with the result or the unwrapped failure. */
  public static <T> void whenDone(CompletableFuture<T> f, BiConsumer<T, Throwable> then) {
    f.whenComplete((v, e) -> run(() -> then.accept(v, unwrap(e))));
  }

  /** The cause a {@link CompletionException} wraps, or {@code e} itself. */
  public static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Gives the keyboard focus to {@code target}'s node (if any) once {@code screen} is on a scene
   * and that scene has settled: after a root swap the scene picks its own first focus (often a
   * header button) after requests made in the same turn, so asking at once does not stick. A node
   * inside a control's skin (a split pane's item) joins the scene only when that skin is made in a
   * later pulse, so a node not yet on the scene is focused when it joins instead of being skipped.
   */
  public static void focusWhenShown(
      javafx.scene.Node screen, java.util.function.Supplier<javafx.scene.Node> target) {
    Runnable focus =
        () ->
            Platform.runLater(
                () -> Platform.runLater(() -> focusOnceOnScene(screen, target.get())));
    if (screen.getScene() != null) {
      focus.run();
    }
    screen
        .sceneProperty()
        .addListener(
            (o, was, scene) -> {
              if (scene != null && was == null) {
                focus.run();
              }
            });
  }

  private static void focusOnceOnScene(javafx.scene.Node screen, javafx.scene.Node n) {
    javafx.scene.Scene scene = screen.getScene();
    if (n == null || scene == null) {
      return;
    }
    if (n.getScene() == scene) {
      n.requestFocus();
      return;
    }
    n.sceneProperty()
        .addListener(
            new javafx.beans.value.ChangeListener<javafx.scene.Scene>() {
              @Override
              public void changed(
                  javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o,
                  javafx.scene.Scene was,
                  javafx.scene.Scene now) {
                o.removeListener(this);
                // The pulse that attached it picks the scene's first focus afterwards; ask after.
                if (now == scene && screen.getScene() == scene) {
                  Platform.runLater(n::requestFocus);
                }
              }
            });
  }

  /** A sentence for a user from any failure. */
  public static String describe(Throwable e) {
    Throwable t = unwrap(e);
    String m = t.getMessage();
    return m == null || m.isBlank()
        ? "Something went wrong (" + t.getClass().getSimpleName() + ")."
        : m;
  }
}
