package dev.parley.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.testing.FxTestSupport;
import dev.parley.app.theme.Theme;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The settings dialog driven through its controls against the real server. */
class SettingsTest extends FxTestSupport {

  @Test
  void changingThePasswordRefusesAWrongCurrentOneThenTheNewOneLogsIn() throws Exception {
    AppWindow w = registeredApp("sam");
    openSettings(w);
    Button change = robot.lookup("#change-password").queryButton();
    assertThat(change.isDisabled()).as("empty form").isTrue();

    robot.clickOn("#current-password").write("Wrong0ne!");
    robot.clickOn("#new-password").write("N3wPassword");
    robot.clickOn("#confirm-new-password").write("N3wPassword");
    assertThat(change.isDisabled()).isFalse();
    robot.clickOn(change);
    waitFor(
        "wrong current password reported",
        () -> robot.lookup("#current-password-error").queryAs(Label.class).isVisible());
    assertThat(robot.lookup("#current-password-error").queryAs(Label.class).getText())
        .isEqualTo("That is not your current password.");

    // Typing again clears the error; the right password changes it.
    robot.clickOn("#current-password").eraseText(9).write(PASSWORD);
    assertThat(robot.lookup("#current-password-error").queryAs(Label.class).isVisible()).isFalse();
    robot.clickOn(change);
    waitFor(
        "changed",
        () -> !robot.lookup("#password-changed").queryAs(Label.class).getText().isEmpty());
    assertThat(robot.lookup("#current-password").queryAs(TextField.class).getText())
        .as("the form is wiped")
        .isEmpty();

    // Log out from the dialog, then the new password logs in and the old one does not.
    robot.clickOn("#settings-logout");
    waitFor(
        "connect screen", () -> w.stage().getScene().getRoot().lookup("#server-address") != null);
    robot.clickOn(in(w.stage(), "#server-address")).eraseText(30).write(address().toString());
    robot.type(KeyCode.ENTER);
    waitFor("login form", () -> w.stage().getScene().getRoot().lookup("#username") != null);
    robot.clickOn(in(w.stage(), "#password")).write(PASSWORD).type(KeyCode.ENTER);
    waitFor("old password refused", () -> in(w.stage(), "#form-error").isVisible());
    robot.clickOn(in(w.stage(), "#password")).eraseText(PASSWORD.length()).write("N3wPassword");
    robot.type(KeyCode.ENTER);
    waitFor("logged in", () -> w.stage().getScene().getRoot().lookup("#conversations") != null);
  }

  @Test
  void aNewPasswordBreakingTheRulesCannotBeSent() throws Exception {
    AppWindow w = registeredApp("rita");
    openSettings(w);
    robot.clickOn("#current-password").write(PASSWORD);
    robot.clickOn("#new-password").write("short");
    robot.clickOn("#confirm-new-password").write("short");
    assertThat(robot.lookup("#change-password").queryButton().isDisabled()).isTrue();
    assertThat(robot.lookup("#rule-too_short").queryAs(Label.class).getStyleClass())
        .contains("rule-unmet");
    robot.clickOn("#new-password").eraseText(5).write("Rita");
    assertThat(robot.lookup("#rule-equals_username").queryAs(Label.class).getStyleClass())
        .contains("rule-unmet");
  }

  @Test
  void themeAndNotificationChoicesAreRemembered() throws Exception {
    AppWindow w = registeredApp("tess");
    openSettings(w);
    robot.clickOn("#theme-dark");
    assertThat(w.prefs().get("theme", "")).isEqualTo(Theme.DARK.name());
    robot.clickOn("#notifications-toggle");
    assertThat(w.prefs().getBoolean(SettingsViewModel.NOTIFICATIONS_KEY, true)).isFalse();
    robot.clickOn(
        robot.lookup("#settings").queryAs(DialogPane.class).lookupButton(ButtonType.CLOSE));

    // A new settings view over the same preferences starts from the remembered choices.
    openSettings(w);
    assertThat(
            robot
                .lookup("#theme-dark")
                .queryAs(javafx.scene.control.RadioButton.class)
                .isSelected())
        .isTrue();
    assertThat(
            robot
                .lookup("#notifications-toggle")
                .queryAs(javafx.scene.control.CheckBox.class)
                .isSelected())
        .isFalse();
    // Previews only mean something while notifications are on.
    assertThat(robot.lookup("#notification-preview-toggle").queryAs(CheckBox.class).isDisabled())
        .isTrue();
    // Headless tests have no system tray: the tray icon is not offered, and stays off.
    assertThat(robot.lookup("#tray-icon-toggle").queryAs(CheckBox.class).isVisible()).isFalse();
    assertThat(w.prefs().getBoolean(SettingsViewModel.TRAY_ICON_KEY, false)).isFalse();
    // The theme is global to the JVM: put it back for the tests that follow.
    robot.clickOn("#theme-light");
  }

  private void openSettings(AppWindow w) throws Exception {
    robot.clickOn(in(w.stage(), "#settings-button"));
    waitFor("settings", () -> robot.lookup("#settings").tryQuery().isPresent());
  }
}
