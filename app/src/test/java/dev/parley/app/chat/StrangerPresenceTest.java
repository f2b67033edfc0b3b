package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.ParleyClient;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.shape.Circle;
import org.junit.jupiter.api.Test;

/**
 * Someone who wrote but is not in the contacts: the server shares no presence with them, so the app
 * says "not in your contacts" and offers Add instead of showing them offline.
 */
class StrangerPresenceTest extends FxTestSupport {

  @Test
  void someoneNotInTheContactsIsNotShownOfflineButOfferedToBeAdded() throws Exception {
    AppWindow alice = registeredApp("palice");
    // Bob is online the whole time, but Alice has not added him.
    ParleyClient bob = otherUser("pbob");
    bob.send("palice", "hello from bob").get(20, TimeUnit.SECONDS);
    waitFor("bob's row", () -> contactCell(alice.stage(), "pbob") != null);

    ListCell<ConversationItem> row = contactCell(alice.stage(), "pbob");
    assertThat(labels(row)).contains("Not in your contacts");
    assertThat(dot(row).getStyleClass()).doesNotContain("presence-offline", "presence-online");
    Node add = robot.from(row).lookup("#add-pbob").query();
    assertThat(add.isVisible()).isTrue();

    robot.clickOn(row);
    waitFor(
        "bob's conversation",
        () ->
            robot
                .from(alice.stage().getScene().getRoot())
                .lookup("#not-in-contacts")
                .tryQuery()
                .isPresent());
    Node header = in(alice.stage(), "#not-in-contacts");
    Node headerDot = in(alice.stage(), "#conversation-presence");
    waitFor("header says so", header::isVisible);
    assertThat(headerDot.isVisible()).as("no false presence in the header").isFalse();
    assertThat(in(alice.stage(), "#add-to-contacts").isVisible()).isTrue();

    // Add from the row: presence follows once Bob has added Alice too.
    robot.clickOn(robot.from(contactCell(alice.stage(), "pbob")).lookup("#add-pbob").<Node>query());
    waitFor(
        "no longer a stranger in the list",
        () -> !labels(contactCell(alice.stage(), "pbob")).contains("Not in your contacts"));
    waitFor("nor in the header", () -> !header.isVisible());
    bob.addContact("palice").get(20, TimeUnit.SECONDS);
    waitFor(
        "online in the list",
        () -> dot(contactCell(alice.stage(), "pbob")).getStyleClass().contains("presence-online"));
    waitFor(
        "online in the header",
        () -> headerDot.isVisible() && headerDot.getStyleClass().contains("presence-online"));
  }

  private java.util.List<String> labels(Node row) {
    return robot.from(row).lookup(".label").queryAllAs(Label.class).stream()
        .filter(Node::isVisible)
        .map(Label::getText)
        .toList();
  }

  private Circle dot(Node row) {
    return robot.from(row).lookup((Node n) -> n instanceof Circle).queryAs(Circle.class);
  }
}
