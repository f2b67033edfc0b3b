package dev.parley.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ServerAddress;
import dev.parley.server.ParleyServer;
import java.net.InetAddress;
import java.util.List;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

/** The host's own app never asks whether to trust the server it runs, by any of its addresses. */
class OwnServerTrustTest extends HostingTestSupport {

  @Test
  void theHostedServerIsTrustedAtEveryAddressTheHostShowsAndByItsName() throws Exception {
    InetAddress shown = InetAddress.getByName("127.0.0.2");
    HostingService hosting =
        new HostingService(
            dir.resolve("hosted"),
            0,
            false,
            () -> List.of(shown),
            ParleyServer::close,
            "127.0.0.1");
    openApp(hosting);
    hostAndShowLogin();
    int port = hosting.portProperty().get();
    String fp = hosting.fingerprintProperty().get();
    waitFor(() -> hosting.addresses().contains("127.0.0.2"));
    var known = app.client().knownServers();
    waitFor(() -> known.pinned(new ServerAddress("127.0.0.2", port)).isPresent());
    assertThat(known.pinned(new ServerAddress("127.0.0.1", port))).contains(fp);
    assertThat(known.pinned(new ServerAddress("127.0.0.2", port))).contains(fp);

    // Back to the connect screen, and to the same server by this computer's name: no question.
    robot.clickOn(in("#back"));
    waitFor(() -> stage.getScene().getRoot().lookup("#server-address") != null);
    robot.interact(() -> ((TextField) in("#server-address")).setText("localhost:" + port));
    robot.clickOn(in("#connect-button"));
    waitFor(() -> stage.getScene().getRoot().lookup("#username") != null);
    assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
    assertThat(app.client().server()).isEqualTo(new ServerAddress("localhost", port));
    assertThat(app.client().serverFingerprint()).isEqualTo(fp);
  }
}
