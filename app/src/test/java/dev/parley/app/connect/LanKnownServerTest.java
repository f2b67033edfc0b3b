package dev.parley.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.discovery.LanServer;
import dev.parley.client.net.KnownServers;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * A server announced at a new address whose fingerprint is a server used before is offered under
 * the name it is known by, marked so, and connecting to it asks nothing and records the address; a
 * server that only borrows that name is not offered as the known one.
 */
class LanKnownServerTest extends FxTestSupport {
  static final String UNKNOWN =
      "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF";

  @Test
  void aKnownServerAtANewAddressIsOfferedUnderItsKnownNameAndConnectsWithoutAQuestion()
      throws Exception {
    AppWindow app = openApp("returning");
    Stage stage = app.stage();
    KnownServers known = app.app().client().knownServers();
    // Used before at 127.0.0.1, where it was called "Office".
    known.reached(address(), server.fingerprint(), "Office");
    @SuppressWarnings("unchecked")
    ListView<LanServer> list = (ListView<LanServer>) in(stage, "#lan-servers");
    LanServer moved =
        new LanServer(
            "parley-7", "parley-7", List.of("localhost"), server.port(), server.fingerprint(), 1);
    LanServer impostor =
        new LanServer("office", "Office", List.of("127.0.0.1"), server.port(), UNKNOWN, 1);
    robot.interact(() -> list.getItems().setAll(moved, impostor));

    Node movedRow = row(list, moved);
    assertThat(text(movedRow, ".lan-server-name")).isEqualTo("Office");
    assertThat(robot.from(movedRow).lookup("#lan-used-before").query().isVisible()).isTrue();
    assertThat(robot.from(movedRow).lookup("#lan-lookalike").query().isVisible()).isFalse();
    Node impostorRow = row(list, impostor);
    assertThat(text(impostorRow, ".lan-server-name")).isEqualTo("Office");
    assertThat(robot.from(impostorRow).lookup("#lan-used-before").query().isVisible()).isFalse();
    assertThat(robot.from(impostorRow).lookup("#lan-lookalike").query().isVisible()).isTrue();

    robot.clickOn(movedRow);
    Button connect = robot.from(movedRow).lookup("#lan-connect").queryButton();
    robot.clickOn(connect);
    waitFor("auth form", () -> stage.getScene().getRoot().lookup("#username") != null);
    assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
    assertThat(known.server(server.fingerprint()).orElseThrow().addresses())
        .startsWith(new ServerAddress("localhost", server.port()));
  }

  private Node row(ListView<LanServer> list, LanServer s) {
    return robot.from(list).lookup(".list-cell").queryAll().stream()
        .filter(n -> ((ListCell<?>) n).getItem() == s)
        .findFirst()
        .orElseThrow();
  }

  private String text(Node row, String query) {
    return ((Label) robot.from(row).lookup(query).query()).getText();
  }
}
