package dev.parley.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.AppNavigator;
import dev.parley.app.ParleyApp;
import dev.parley.app.connect.RecentServer;
import dev.parley.app.connect.TrustDialog;
import dev.parley.app.dialog.ThemedDialog;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerTrustException;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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

class AuthAndTrustTest {
  @TempDir static Path dir;
  static ParleyServer server;
  final FxRobot robot = new FxRobot();
  Stage stage;
  AppNavigator app;
  Preferences prefs;

  @BeforeAll
  static void startServer() throws Exception {
    FxToolkit.registerPrimaryStage();
    server = TestServer.start(dir.resolve("server"), b -> b.name("Auth test"));
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
        });
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    app.close();
    prefs.removeNode();
  }

  private Node in(String id) {
    return robot.from(stage.getScene().getRoot()).lookup(id).query();
  }

  private void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private String address() {
    return "127.0.0.1:" + server.port();
  }

  @Test
  void firstContactAsksToTrustTheFingerprintAndRefusingStaysOnConnect() throws Exception {
    robot.clickOn(in("#server-address")).write(address()).type(KeyCode.ENTER);
    waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
    String shown =
        robot.lookup(".fingerprint").queryAll().stream()
            .map(n -> ((Label) n).getText())
            .findFirst()
            .orElseThrow();
    assertThat(shown.replaceAll("\\s+", ":")).isEqualTo(server.fingerprint());
    robot.clickOn("Don't connect");
    waitFor(() -> ((Label) in("#address-error")).isVisible());
    assertThat(((Label) in("#address-error")).getText()).contains("did not accept");
    // Accepting leads on to the login form and is remembered.
    robot.clickOn(in("#connect-button"));
    waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
    robot.clickOn("Trust");
    waitFor(() -> stage.getScene().getRoot().lookup("#username") != null);
    assertThat(app.client().knownServers().pinned(ServerAddress.parse(address())))
        .contains(server.fingerprint());
  }

  @Test
  void oneServerReachedAtTwoAddressesIsOneRecentServerOfferedWhereItWasReachedLast()
      throws Exception {
    app.client().trustServer(ServerAddress.parse(address()), server.fingerprint());
    robot.clickOn(in("#server-address")).write(address()).type(KeyCode.ENTER);
    waitFor(() -> stage.getScene().getRoot().lookup("#username") != null);
    robot.clickOn(in("#back"));
    waitFor(() -> stage.getScene().getRoot().lookup("#server-address") != null);
    // The same server under another address: known by its certificate, no question asked.
    String byName = "localhost:" + server.port();
    robot.clickOn(in("#server-address")).eraseText(40).write(byName).type(KeyCode.ENTER);
    waitFor(() -> stage.getScene().getRoot().lookup("#username") != null);
    robot.clickOn(in("#back"));
    waitFor(() -> stage.getScene().getRoot().lookup("#recent-servers") != null);

    ListView<?> recent = (ListView<?>) in("#recent-servers");
    assertThat(recent.getItems()).hasSize(1);
    RecentServer only = (RecentServer) recent.getItems().get(0);
    assertThat(only.fingerprint()).isEqualTo(server.fingerprint());
    assertThat(only.address()).isEqualTo(ServerAddress.parse(byName));
    assertThat(only.name()).isEqualTo("Auth test");
    assertThat(robot.from(recent).lookup(".recent-server-name").queryAs(Label.class).getText())
        .isEqualTo("Auth test");
  }

  @Test
  void aChangedCertificateDefaultsToRefusingAndNamesBothFingerprints() throws Exception {
    String old = "AA:" + server.fingerprint().substring(3);
    ServerTrustException changed =
        new ServerTrustException(ServerAddress.parse(address()), old, server.fingerprint());
    ThemedDialog<?>[] dialog = new ThemedDialog<?>[1];
    robot.interact(() -> dialog[0] = new TrustDialog(stage).build(changed));
    Button refuse = (Button) dialog[0].getDialogPane().lookupButton(TrustDialog.REFUSE);
    Button trust = (Button) dialog[0].getDialogPane().lookupButton(TrustDialog.TRUST);
    assertThat(refuse.isDefaultButton()).isTrue();
    assertThat(trust.isDefaultButton()).isFalse();
    assertThat(dialog[0].getDialogPane().lookupAll(".fingerprint")).hasSize(2);
    assertThat(dialog[0].getHeaderText()).contains("changed");
  }

  @Test
  void aWrongPasswordShowsAnErrorAndTheFormStaysUsable() throws Exception {
    app.client().trustServer(ServerAddress.parse(address()), server.fingerprint());
    robot.clickOn(in("#server-address")).write(address()).type(KeyCode.ENTER);
    waitFor(() -> stage.getScene().getRoot().lookup("#username") != null);
    if (!"Create account".equals(((javafx.scene.control.Button) in("#submit")).getText())) {
      robot.clickOn(in("#switch-mode"));
    }
    robot.clickOn(in("#username")).write("frank");
    robot.clickOn(in("#password")).write("Passw0rdOK");
    robot.clickOn(in("#confirm")).write("Passw0rdOK");
    robot.clickOn(in("#submit"));
    waitFor(() -> stage.getScene().getRoot().lookup("#logout") != null);
    robot.clickOn(in("#logout"));
    waitFor(() -> stage.getScene().getRoot().lookup("#server-address") != null);

    robot.clickOn(in("#server-address")).eraseText(30).write(address()).type(KeyCode.ENTER);
    waitFor(() -> stage.getScene().getRoot().lookup("#username") != null);
    assertThat(((javafx.scene.control.TextField) in("#username")).getText())
        .as("last username remembered")
        .isEqualTo("frank");
    robot.clickOn(in("#password")).write("Wrong1pass").type(KeyCode.ENTER);
    waitFor(() -> ((Label) in("#form-error")).isVisible());
    assertThat(((Label) in("#form-error")).getText()).isEqualTo("Wrong username or password.");
    robot.clickOn(in("#password")).eraseText(10).write("Passw0rdOK").type(KeyCode.ENTER);
    waitFor(() -> stage.getScene().getRoot().lookup("#conversations") != null);
  }
}
