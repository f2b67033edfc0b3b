package dev.parley.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Where {@link Fx#focusWhenShown} puts the focus after a root swap. The main screen's Add a contact
 * field sits in a split pane's item, which joins the scene only when the split pane's skin is made
 * in a later pulse: a request made before that was dropped, and the scene's first focus (a header
 * button) kept the cursor (CI, FocusTest).
 */
class FocusWhenShownTest {
  private final AtomicReference<Stage> stage = new AtomicReference<>();

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.setupFixture(() -> stage.get().close());
  }

  @Test
  void aFieldThatJoinsTheSceneAfterTheScreenStillGetsTheFocus() throws Exception {
    TextField field = new TextField();
    StackPane later = new StackPane();
    showThenSwapTo(
        screen(later),
        field,
        // The field joins several event-queue turns after the screen, as a skin's content does
        // when the pulse comes late.
        () -> Platform.runLater(() -> Platform.runLater(() -> later.getChildren().add(field))));
    waitFor(() -> stage.get().getScene().getFocusOwner() == field);
    assertThat(stage.get().getScene().getFocusOwner()).isSameAs(field);
  }

  @Test
  void aFieldInASplitPaneGetsTheFocus() throws Exception {
    TextField field = new TextField();
    SplitPane split = new SplitPane(new StackPane(field), new StackPane());
    showThenSwapTo(screen(split), field, () -> {});
    waitFor(() -> stage.get().getScene().getFocusOwner() == field);
    assertThat(stage.get().getScene().getFocusOwner()).isSameAs(field);
  }

  @Test
  void noTargetLeavesTheScenesOwnChoice() throws Exception {
    BorderPane screen = screen(new StackPane());
    FxToolkit.setupFixture(
        () -> {
          Stage s = new Stage();
          stage.set(s);
          s.setScene(new Scene(new StackPane(new TextField()), 300, 200));
          s.show();
          Fx.focusWhenShown(screen, () -> null);
          s.getScene().setRoot(screen);
        });
    waitFor(() -> stage.get().getScene().getFocusOwner() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(stage.get().getScene().getFocusOwner()).isSameAs(screen.getTop());
  }

  /** A screen with a focusable header button first, as the app's screens have. */
  private static BorderPane screen(javafx.scene.Node centre) {
    BorderPane screen = new BorderPane(centre);
    screen.setTop(new Button("header"));
    return screen;
  }

  /** Shows a first screen whose field has the focus, then swaps to {@code screen}. */
  private void showThenSwapTo(BorderPane screen, TextField target, Runnable afterSwap)
      throws Exception {
    FxToolkit.setupFixture(
        () -> {
          Stage s = new Stage();
          stage.set(s);
          TextField before = new TextField();
          s.setScene(new Scene(new StackPane(before), 300, 200));
          s.show();
          before.requestFocus();
          Fx.focusWhenShown(screen, () -> target);
          s.getScene().setRoot(screen);
          afterSwap.run();
        });
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
    } catch (java.util.concurrent.TimeoutException e) {
      // The assertion that follows says what the focus is instead.
    }
    WaitForAsyncUtils.waitForFxEvents();
  }
}
