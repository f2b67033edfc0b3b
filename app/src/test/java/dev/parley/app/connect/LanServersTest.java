package dev.parley.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.AppNavigator;
import dev.parley.app.ParleyApp;
import dev.parley.app.host.HostingService;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.discovery.LanServer;
import dev.parley.platform.LanInterfaces;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A server announced on the (loopback) LAN shows up on the connect screen and connects. */
@Tag("lan")
class LanServersTest {
  @TempDir Path dir;
  final FxRobot robot = new FxRobot();
  Stage stage;
  AppNavigator app;
  ParleyServer server;
  Preferences prefs;

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    if (app != null) {
      app.close();
    }
    if (server != null) {
      server.close();
    }
    if (prefs != null) {
      prefs.removeNode();
    }
  }

  @Test
  void anAnnouncedServerIsListedAndTheTrustDialogSaysTheFingerprintMatches() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try {
      new ProcessBuilder("ip", "link", "set", "lo", "multicast", "on")
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (java.io.IOException noIpTool) {
      // the probe below decides
    }
    Optional<String> problem = LanInterfaces.multicastProblem(loopback);
    Assumptions.assumeTrue(problem.isEmpty(), () -> "no multicast on loopback: " + problem.get());

    server =
        TestServer.start(
            dir.resolve("server"),
            b -> b.name("Announced office").discovery(true).announceAddress("127.0.0.1"));
    prefs = Preferences.userRoot().node("dev/parley/test/" + UUID.randomUUID());
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(
        () -> {
          stage = new Stage();
          app =
              ParleyApp.show(
                  stage,
                  prefs,
                  ClientConfig.in(dir.resolve("client")),
                  new HostingService(dir.resolve("hosted"), 0, false),
                  LanDiscovery.on(List.of(loopback)));
        });
    @SuppressWarnings("unchecked")
    ListView<LanServer> list =
        (ListView<LanServer>) robot.from(stage.getScene().getRoot()).lookup("#lan-servers").query();
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        // JmDNS may resolve the address before the TXT records; the list updates when they come.
        () ->
            list.getItems().stream()
                .anyMatch(s -> s.port() == server.port() && s.fingerprint() != null));
    LanServer found =
        list.getItems().stream().filter(s -> s.port() == server.port()).findFirst().orElseThrow();
    assertThat(found.name()).isEqualTo("Announced office");
    assertThat(found.fingerprint()).isEqualTo(server.fingerprint());

    // Pick it the keyboard way: select the row and press Enter.
    robot.interact(
        () -> {
          list.getSelectionModel().select(found);
          list.requestFocus();
        });
    robot.type(javafx.scene.input.KeyCode.ENTER);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#announced-match").tryQuery().isPresent());
    assertThat(((Label) robot.lookup("#announced-match").query()).getText())
        .startsWith("It matches");
    javafx.scene.control.DialogPane pane =
        robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
    javafx.scene.control.Button trust =
        (javafx.scene.control.Button) pane.lookupButton(TrustDialog.TRUST);
    robot.interact(trust::fire);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> stage.getScene().getRoot().lookup("#username") != null);
  }
}
