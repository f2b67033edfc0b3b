package dev.parley.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.ParleyApp;
import dev.parley.app.theme.Theme;
import dev.parley.client.api.ClientConfig;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ConnectScreenTest {
  @org.junit.jupiter.api.io.TempDir static java.nio.file.Path dataDir;
  private Preferences prefs;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    prefs = Preferences.userRoot().node("dev/parley/test/" + UUID.randomUUID());
    ParleyApp.show(stage, prefs, ClientConfig.in(dataDir));
  }

  @AfterEach
  void cleanUp() throws BackingStoreException {
    prefs.removeNode();
  }

  @Test
  void windowIsTitledParleyWithItsIcon(FxRobot robot) {
    assertThat(stage.getTitle()).isEqualTo("Parley");
    assertThat(stage.getIcons()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(stage.getIcons().get(0).isError()).isFalse();
  }

  @Test
  void connectIsDisabledUntilAnAddressIsTyped(FxRobot robot) {
    Button connect = robot.lookup("#connect-button").queryButton();
    assertThat(connect.isDisabled()).isTrue();
    robot.clickOn("#server-address").write("office-pc");
    assertThat(connect.isDisabled()).isFalse();
  }

  @Test
  void anInvalidAddressShowsAReadableErrorThatClearsWhenEditing(FxRobot robot) {
    robot.clickOn("#server-address").write("office-pc:99999").type(KeyCode.ENTER);
    Label error = robot.lookup("#address-error").queryAs(Label.class);
    assertThat(error.isVisible()).isTrue();
    assertThat(error.getText()).contains("65535");
    robot.type(KeyCode.BACK_SPACE);
    assertThat(error.isVisible()).isFalse();
  }

  @Test
  void eachSectionAppearsOnce(FxRobot robot) {
    assertThat(robot.lookup("#lan-servers").queryAll()).hasSize(1);
    assertThat(robot.lookup("#recent-servers").queryAll()).hasSize(1);
    assertThat(robot.lookup(".section-label").queryAllAs(Label.class))
        .extracting(Label::getText)
        .containsExactly("On your network", "Recent servers");
  }

  @Test
  void recentServersShowsItsEmptyState(FxRobot robot) {
    ListView<?> recent = robot.lookup("#recent-servers").queryListView();
    assertThat(recent.getItems()).isEmpty();
    assertThat(((Label) recent.getPlaceholder()).getText()).contains("will be listed here");
  }

  @Test
  void themeToggleSwitchesToDarkAndIsRemembered(FxRobot robot) {
    String light = Application.getUserAgentStylesheet();
    robot.clickOn("#theme-toggle");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(Application.getUserAgentStylesheet())
        .isEqualTo(Theme.DARK.userAgentStylesheet())
        .isNotEqualTo(light);
    assertThat(prefs.get("theme", null)).isEqualTo("DARK");
  }
}
