package dev.parley.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.ParleyApp;
import dev.parley.app.testing.FxTestSupport;
import dev.parley.app.testing.TextCutOff;
import dev.parley.client.api.ClientConfig;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The main window's size and place across launches, and that nothing is cut off at its minimum
 * size.
 */
class WindowGeometryTest extends FxTestSupport {

  @Test
  void aFirstLaunchOpensAtAComfortableSizeForTheScreen() throws Exception {
    Stage stage = launch(freshPrefs());
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    assertThat(stage.getWidth())
        .isCloseTo(
            Math.min(1100, screen.getWidth() * 0.92), org.assertj.core.data.Offset.offset(1.0));
    assertThat(stage.getHeight())
        .isCloseTo(
            Math.min(720, screen.getHeight() * 0.92), org.assertj.core.data.Offset.offset(1.0));
    assertInside(stage, screen);
  }

  @Test
  void sizePlaceAndMaximisedStateAreRememberedAcrossLaunches() throws Exception {
    Preferences prefs = freshPrefs();
    Stage first = launch(prefs);
    robot.interact(
        () -> {
          first.setX(60);
          first.setY(50);
          first.setWidth(900);
          first.setHeight(640);
        });
    quit(first);

    Stage second = launch(prefs);
    assertThat(List.of(second.getX(), second.getY(), second.getWidth(), second.getHeight()))
        .containsExactly(60.0, 50.0, 900.0, 640.0);
    assertThat(second.isMaximized()).isFalse();
    robot.interact(() -> second.setMaximized(true));
    quit(second);

    Stage third = launch(prefs);
    assertThat(third.isMaximized()).as("reopens maximised").isTrue();
    robot.interact(() -> third.setMaximized(false));
    quit(third);
    Stage fourth = launch(prefs);
    assertThat(fourth.isMaximized()).isFalse();
    assertThat(List.of(fourth.getWidth(), fourth.getHeight()))
        .as("the size from before it was maximised")
        .containsExactly(900.0, 640.0);
  }

  @Test
  void aRememberedPlaceNoScreenShowsAnyMoreIsPulledBackOntoTheScreen() throws Exception {
    Preferences prefs = freshPrefs();
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    prefs.putDouble(WindowGeometry.X, screen.getMaxX() + 3000);
    prefs.putDouble(WindowGeometry.Y, screen.getMaxY() + 2000);
    prefs.putDouble(WindowGeometry.WIDTH, 900);
    prefs.putDouble(WindowGeometry.HEIGHT, 640);
    Stage stage = launch(prefs);
    assertThat(List.of(stage.getWidth(), stage.getHeight())).containsExactly(900.0, 640.0);
    assertInside(stage, screen);

    Preferences huge = freshPrefs();
    huge.putDouble(WindowGeometry.X, -500);
    huge.putDouble(WindowGeometry.Y, -500);
    huge.putDouble(WindowGeometry.WIDTH, screen.getWidth() * 3);
    huge.putDouble(WindowGeometry.HEIGHT, screen.getHeight() * 3);
    Stage big = launch(huge);
    assertInside(big, screen);
  }

  @Test
  void noTextIsCutOffOnTheConnectScreenAtTheMinimumSize() throws Exception {
    Stage stage = openApp("minconnect").stage();
    robot.interact(
        () -> {
          stage.setWidth(WindowGeometry.MIN_WIDTH);
          stage.setHeight(WindowGeometry.MIN_HEIGHT);
        });
    assertNothingCutOff(stage, "connect screen");
  }

  @Test
  void noTextIsCutOffInTheMainWindowAtItsMinimumSize() throws Exception {
    AppWindow alice = registeredApp("minalice");
    otherUser("minbob");
    Stage stage = alice.stage();
    robot.interact(
        () -> {
          stage.setWidth(WindowGeometry.MIN_WIDTH);
          stage.setHeight(WindowGeometry.MIN_HEIGHT);
        });
    assertNothingCutOff(stage, "no conversation open");

    robot.clickOn(in(stage, "#add-contact-name")).write("minbob").type(KeyCode.ENTER);
    waitFor("conversation", () -> stage.getScene().getRoot().lookup("#conversation-title") != null);
    // A message over the size limit: the composer explains why it stays.
    String tooLong = "x".repeat(40_000);
    robot.interact(
        () -> ((dev.parley.app.text.EmojiArea) in(stage, "#message-input")).replaceText(tooLong));
    robot.clickOn(in(stage, "#send-button"));
    waitFor(
        "the size error",
        () ->
            !((javafx.scene.control.Label) in(stage, "#conversation-problem")).getText().isEmpty());
    robot.interact(
        () -> ((javafx.scene.control.Label) in(stage, "#status")).textProperty().unbind());
    robot.interact(
        () ->
            ((javafx.scene.control.Label) in(stage, "#status"))
                .setText("Connection lost — reconnecting…"));
    assertNothingCutOff(stage, "a conversation open, the size error and a long status");
  }

  /** Every label and button shows its whole text, and every field's hint fits the field. */
  private void assertNothingCutOff(Stage stage, String when) {
    TextCutOff.assertNone(robot, stage, when);
  }

  private Stage launch(Preferences prefs) throws Exception {
    Stage[] stage = new Stage[1];
    FxToolkit.setupFixture(
        () -> {
          stage[0] = new Stage();
          track(
              ParleyApp.show(
                  stage[0], prefs, ClientConfig.in(dir.resolve("g-" + UUID.randomUUID()))));
        });
    robot.interact(() -> {});
    return stage[0];
  }

  private void quit(Stage stage) {
    robot.interact(stage::hide);
  }

  private static void assertInside(Stage stage, Rectangle2D screen) {
    assertThat(stage.getX()).isGreaterThanOrEqualTo(screen.getMinX());
    assertThat(stage.getY()).isGreaterThanOrEqualTo(screen.getMinY());
    assertThat(stage.getX() + stage.getWidth()).isLessThanOrEqualTo(screen.getMaxX());
    assertThat(stage.getY() + stage.getHeight()).isLessThanOrEqualTo(screen.getMaxY());
  }
}
