package dev.parley.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.AppNavigator;
import dev.parley.app.ParleyApp;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.ServerAddress;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The server closes a connection that has not logged in within its login timeout; the form must
 * still work however long the person takes (issue 13, item 1).
 */
class PreLoginTimeoutTest {
  @TempDir static Path dir;
  static ParleyServer server;
  final FxRobot robot = new FxRobot();
  Stage stage;
  AppNavigator app;
  Preferences prefs;

  @BeforeAll
  static void startServer() throws Exception {
    FxToolkit.registerPrimaryStage();
    server =
        TestServer.start(
            dir.resolve("server"),
            b -> b.name("Impatient server").loginTimeout(Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void open() throws Exception {
    prefs = Preferences.userRoot().node("dev/parley/test/" + UUID.randomUUID());
    FxToolkit.setupFixture(
        () -> {
          stage = new Stage();
          app =
              ParleyApp.show(stage, prefs, ClientConfig.in(dir.resolve("c-" + UUID.randomUUID())));
          app.client().trustServer(address(), server.fingerprint());
        });
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    app.close();
    prefs.removeNode();
  }

  private static ServerAddress address() {
    return new ServerAddress("127.0.0.1", server.port());
  }

  private Node in(String id) {
    return robot.from(stage.getScene().getRoot()).lookup(id).query();
  }

  private void waitFor(String what, java.util.function.BooleanSupplier condition) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
    } catch (java.util.concurrent.TimeoutException e) {
      // reported below
    }
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  /** Waits until the server has dropped the connection the form was opened on. */
  private void waitPastTheLoginTimeout() throws Exception {
    waitFor(
        "the server closed the idle connection",
        () -> app.client().state() == ConnectionState.DISCONNECTED);
  }

  private String formError() {
    Label l = (Label) in("#form-error");
    return l.isVisible() ? l.getText() : "";
  }

  @Test
  void registeringAndLoggingInWorkAfterTheServerClosedTheIdleConnection() throws Exception {
    robot.clickOn(in("#server-address")).write(address().toString()).type(KeyCode.ENTER);
    waitFor("auth form", () -> stage.getScene().getRoot().lookup("#username") != null);
    if (!"Create account".equals(((javafx.scene.control.Button) in("#submit")).getText())) {
      robot.clickOn(in("#switch-mode"));
    }
    robot.clickOn(in("#username")).write("slowpoke");
    robot.clickOn(in("#password")).write("Passw0rdOK");
    robot.clickOn(in("#confirm")).write("Passw0rdOK");
    waitPastTheLoginTimeout();
    robot.clickOn(in("#submit"));
    waitFor(
        "logged in (form error: " + formError() + ")",
        () -> stage.getScene().getRoot().lookup("#conversations") != null);

    // Log out, come back, and take too long again: logging in works the same way.
    robot.clickOn(in("#logout"));
    waitFor("connect screen", () -> stage.getScene().getRoot().lookup("#server-address") != null);
    robot.clickOn(in("#server-address")).eraseText(40).write(address().toString());
    robot.type(KeyCode.ENTER);
    waitFor("auth form", () -> stage.getScene().getRoot().lookup("#username") != null);
    waitPastTheLoginTimeout();
    robot.clickOn(in("#password")).write("Passw0rdOK");
    // Typed values stay while the client reconnects under the form.
    assertThat(((javafx.scene.control.TextField) in("#username")).getText()).isEqualTo("slowpoke");
    robot.type(KeyCode.ENTER);
    waitFor(
        "logged in again (form error: " + formError() + ")",
        () -> stage.getScene().getRoot().lookup("#conversations") != null);
    assertThat(app.client().state()).isEqualTo(ConnectionState.ONLINE);
  }
}
