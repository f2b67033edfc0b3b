package dev.parley.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.discovery.LanServer;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * One click on a server in "On your network" selects it and offers Connect on that row; Connect
 * leads on to the login form (issue 13, item 12). The list itself comes from discovery
 * (LanServersTest); here it is filled the way discovery fills it.
 */
class LanRowTest extends FxTestSupport {
  @Test
  void theSelectedRowOffersConnectAndItConnects() throws Exception {
    Stage stage = openApp("picker").stage();
    @SuppressWarnings("unchecked")
    ListView<LanServer> list = (ListView<LanServer>) in(stage, "#lan-servers");
    LanServer office =
        new LanServer(
            "office", "Office PC", List.of("127.0.0.1"), server.port(), server.fingerprint(), 1);
    robot.interact(() -> list.getItems().setAll(office));
    assertThat(visibleConnectButtons(list)).as("nothing selected yet").isEmpty();

    Node row =
        robot.from(list).lookup(".list-cell").queryAll().stream()
            .filter(n -> ((ListCell<?>) n).getItem() == office)
            .findFirst()
            .orElseThrow();
    robot.clickOn(row);
    assertThat(list.getSelectionModel().getSelectedItem()).isEqualTo(office);
    assertThat(stage.getScene().getRoot().lookup("#username"))
        .as("one click only selects")
        .isNull();
    List<Button> connect = visibleConnectButtons(list);
    assertThat(connect).hasSize(1);

    robot.clickOn(connect.get(0));
    waitFor("auth form", () -> stage.getScene().getRoot().lookup("#username") != null);
  }

  private List<Button> visibleConnectButtons(ListView<LanServer> list) {
    return robot.from(list).lookup("#lan-connect").queryAll().stream()
        .filter(n -> n.isVisible() && n.getScene() != null)
        .map(n -> (Button) n)
        .filter(b -> ((ListCell<?>) b.getParent().getParent()).getItem() != null)
        .toList();
  }
}
