package dev.parley.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.testing.FxTestSupport;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * The Create account form says what is wrong, in words, when it matters, and a device new to a
 * server starts on Create account (issue 13, item 13).
 */
class RegisterFormTest extends FxTestSupport {
  private Label label(Stage stage, String id) {
    return (Label) in(stage, id);
  }

  /** The text of the error label {@code id}, or "" while it is hidden. */
  private String error(Stage stage, String id) {
    Label l = label(stage, id);
    return l.isVisible() ? l.getText() : "";
  }

  private void openForm(Stage stage) throws Exception {
    robot.clickOn(in(stage, "#server-address")).write(address().toString()).type(KeyCode.ENTER);
    waitFor("auth form", () -> stage.getScene().getRoot().lookup("#username") != null);
  }

  @Test
  void aNewDeviceStartsOnCreateAccountAndOneWithAnAccountOnLogIn() throws Exception {
    AppWindow w = openApp("newcomer");
    Stage stage = w.stage();
    openForm(stage);
    assertThat(label(stage, ".title-2").getText()).isEqualTo("Create an account");
    assertThat(
            "Create account".equals(((javafx.scene.control.Button) in(stage, "#submit")).getText()))
        .isTrue();
    // The user may still switch to Log in and back.
    robot.clickOn(in(stage, "#switch-mode"));
    assertThat(label(stage, ".title-2").getText()).isEqualTo("Log in");
    robot.clickOn(in(stage, "#switch-mode"));
    registerThroughForm(stage, "newcomer");

    robot.clickOn(in(stage, "#logout"));
    waitFor("connect screen", () -> stage.getScene().getRoot().lookup("#server-address") != null);
    robot.clickOn(in(stage, "#server-address")).eraseText(40).write(address().toString());
    robot.type(KeyCode.ENTER);
    waitFor("auth form", () -> stage.getScene().getRoot().lookup("#username") != null);
    assertThat(label(stage, ".title-2").getText()).isEqualTo("Log in");
    assertThat(
            "Create account".equals(((javafx.scene.control.Button) in(stage, "#submit")).getText()))
        .isFalse();
  }

  @Test
  void weakAndMismatchedPasswordsAreExplainedAndNothingIsTickedForAnEmptyOne() throws Exception {
    Stage stage = openApp("carol").stage();
    openForm(stage);
    showRegisterForm(stage);
    for (String rule :
        new String[] {"too_short", "no_uppercase", "no_digit", "too_long", "equals_username"}) {
      assertThat(label(stage, "#rule-" + rule).getStyleClass())
          .as(rule + " for an empty password")
          .contains("rule-unmet");
    }

    robot.clickOn(in(stage, "#username")).write("carol");
    robot.clickOn(in(stage, "#password")).write("short");
    assertThat(error(stage, "#password-error")).as("not while typing").isEmpty();
    robot.clickOn(in(stage, "#confirm"));
    assertThat(error(stage, "#password-error"))
        .contains("at least 8 characters")
        .contains("a capital letter")
        .contains("a digit");
    assertThat(label(stage, "#rule-too_long").getStyleClass()).contains("rule-met");

    // Pressing the button explains instead of doing nothing.
    robot.clickOn(in(stage, "#submit"));
    assertThat(error(stage, "#password-error")).contains("a capital letter");
    assertThat(error(stage, "#confirm-error")).isEqualTo("Repeat the password.");
    assertThat(stage.getScene().getRoot().lookup("#conversations")).isNull();
    // The advice is read whole, not cut to one line with "…", even in the smallest window.
    dev.parley.app.testing.TextCutOff.assertNone(
        robot, stage, "the register form explaining a password");
    robot.interact(
        () -> {
          stage.setWidth(dev.parley.app.ui.WindowGeometry.MIN_WIDTH);
          stage.setHeight(dev.parley.app.ui.WindowGeometry.MIN_HEIGHT);
        });
    dev.parley.app.testing.TextCutOff.assertNone(
        robot, stage, "the same at the minimum window size");

    // The advice follows typing once shown.
    robot.clickOn(in(stage, "#password")).eraseText(5).write("Passw0rdOK");
    assertThat(error(stage, "#password-error")).isEmpty();
    robot.clickOn(in(stage, "#confirm")).write("Passw0rdKO");
    robot.clickOn(in(stage, "#password"));
    assertThat(error(stage, "#confirm-error")).isEqualTo("Passwords don't match.");
    robot.clickOn(in(stage, "#confirm")).eraseText(10).write(PASSWORD);
    assertThat(error(stage, "#confirm-error")).isEmpty();
    robot.clickOn(in(stage, "#submit"));
    waitFor("carol in", () -> stage.getScene().getRoot().lookup("#conversations") != null);
  }
}
