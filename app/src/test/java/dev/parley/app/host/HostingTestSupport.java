package dev.parley.app.host;

import dev.parley.app.AppNavigator;
import dev.parley.app.ParleyApp;
import dev.parley.app.connect.LanDiscovery;
import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ServerAddress;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the hosting tests share: an app window that hosts its own server (no LAN traffic, a free
 * port), its fresh settings and data, the host's own account, a guest signing in from the next
 * desk, and lookups and waits; everything is closed after each test, the hosted server included.
 */
abstract class HostingTestSupport {
  /** The password of the host's own account. */
  static final String HOST_PASSWORD = "Passw0rdOK";

  @TempDir Path dir;
  final FxRobot robot = new FxRobot();
  Stage stage;
  AppNavigator app;
  Preferences prefs;
  ParleyClient guest;

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @BeforeEach
  void freshPrefs() {
    prefs = Preferences.userRoot().node("dev/parley/test/" + UUID.randomUUID());
  }

  @AfterEach
  void closeEverything() throws Exception {
    // A dialog left open by a failed assertion must not block the next test.
    robot.interact(
        () ->
            Window.getWindows().stream()
                .filter(w -> w != stage && w instanceof Stage)
                .toList()
                .forEach(w -> ((Stage) w).close()));
    FxToolkit.cleanupStages();
    if (guest != null) {
      guest.close();
    }
    closeApp();
    prefs.removeNode();
  }

  /** Closes the app window's client and waits until its hosted server is closed. */
  void closeApp() throws Exception {
    if (app != null) {
      app.close().get(60, TimeUnit.SECONDS);
      app = null;
    }
  }

  /** A hosting service with its data in this test's folder, on a free port, not announced. */
  HostingService hostingService() {
    return new HostingService(dir.resolve("hosted"), 0, false);
  }

  /** The client configuration of this app's own user. */
  ClientConfig ownConfig() {
    return FxTestSupport.testConfig(dir.resolve("me"));
  }

  /** Shows the app window, on the connect screen, with {@code hosting}. */
  void openApp(HostingService hosting) throws Exception {
    openApp(hosting, ownConfig());
  }

  /** Shows the app window with {@code hosting} and the client configuration {@code config}. */
  void openApp(HostingService hosting, ClientConfig config) throws Exception {
    FxToolkit.setupFixture(
        () -> {
          stage = new Stage();
          app = ParleyApp.show(stage, prefs, config, hosting, LanDiscovery.off());
          stage.setX(120);
          stage.setY(80);
          stage.setWidth(1000);
          stage.setHeight(700);
        });
  }

  /** Presses "Host a server" and waits for the form of the app's own server. */
  void hostAndShowLogin() throws Exception {
    robot.clickOn(in("#host-button"));
    waitFor(() -> stage.getScene().getRoot().lookup("#username") != null);
  }

  /** Creates this app's account "host" through the form and waits for the chat window. */
  void registerHost() throws Exception {
    // A device without an account on its new server starts on Create account.
    waitFor(() -> "Create account".equals(((Button) in("#submit")).getText()));
    robot.clickOn(in("#username")).write("host");
    robot.clickOn(in("#password")).write(HOST_PASSWORD);
    robot.clickOn(in("#confirm")).write(HOST_PASSWORD);
    robot.clickOn(in("#submit"));
    waitFor(() -> stage.getScene().getRoot().lookup("#conversations") != null);
  }

  /** A colleague who joins {@code hosting} with the address and fingerprint the host shows. */
  void guestSignsIn(HostingService hosting) throws Exception {
    guest = new ParleyClient(FxTestSupport.testConfig(dir.resolve("guest")));
    ServerAddress where = new ServerAddress("127.0.0.1", hosting.portProperty().get());
    guest.trustServer(where, hosting.fingerprintProperty().get());
    guest.connect(where).get(20, TimeUnit.SECONDS);
    guest.register("guest", "Gu3stPassword".toCharArray()).get(20, TimeUnit.SECONDS);
  }

  /** Opens the hosting details from the status chip and presses Stop hosting. */
  void pressStopHosting() throws Exception {
    robot.clickOn(in("#hosting-status"));
    waitFor(() -> robot.lookup("#host-users").tryQuery().isPresent());
    robot.clickOn("Stop hosting");
  }

  /** The node {@code id} in the main window. */
  Node in(String id) {
    return robot.from(stage.getScene().getRoot()).lookup(id).query();
  }

  /** Waits up to 30 s for {@code condition}, then for the FX thread to show it. */
  void waitFor(BooleanSupplier condition) throws Exception {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
