package dev.parley.app.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A dialog over a window that hangs off the screen's edge still opens wholly on screen. */
class ThemedDialogTest {
  final FxRobot robot = new FxRobot();
  Stage owner;

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void close() throws Exception {
    robot.interact(
        () ->
            Window.getWindows().stream()
                .filter(w -> w instanceof Stage)
                .toList()
                .forEach(w -> ((Stage) w).close()));
    FxToolkit.cleanupStages();
  }

  @Test
  void aDialogOverAWindowPartlyOffScreenIsKeptOnScreen() throws Exception {
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    ThemedDialog<?>[] dialog = new ThemedDialog<?>[1];
    robot.interact(
        () -> {
          owner = new Stage();
          owner.setScene(new Scene(new StackPane(), 500, 400));
          // Most of the window hangs off the bottom-right corner of the screen.
          owner.setX(screen.getMaxX() - 150);
          owner.setY(screen.getMaxY() - 120);
          owner.show();
          dialog[0] =
              Dialogs.confirmation(
                  owner, "Remove contact", "Remove bob?", "A long explanation.", "Remove", true);
          dialog[0].show();
        });
    WaitForAsyncUtils.waitForFxEvents();
    ThemedDialog<?> d = dialog[0];
    assertThat(d.getOwner()).isSameAs(owner);
    assertThat(screen.contains(d.getX(), d.getY(), d.getWidth(), d.getHeight()))
        .as(
            "dialog at %s,%s size %sx%s on %s",
            d.getX(), d.getY(), d.getWidth(), d.getHeight(), screen)
        .isTrue();
    // Destructive: Enter must not remove anything.
    assertThat(d.getDialogPane().lookupButton(Dialogs.CANCEL))
        .isInstanceOfSatisfying(
            javafx.scene.control.Button.class, b -> assertThat(b.isDefaultButton()).isTrue());
  }
}
