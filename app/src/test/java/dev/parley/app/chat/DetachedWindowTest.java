package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/** A conversation in its own window: a usable size, and the newest message in view. */
class DetachedWindowTest extends FxTestSupport {
  private static final String PARAGRAPH =
      "A message long enough to need several lines in a chat window, so that the list's guess at"
          + " the height of rows it has not measured yet is wrong, as it is for real conversations"
          + " with long messages.\nAnd a second paragraph.";

  @Test
  void aChatWindowOpensAtAComfortableSizeAndFollowsTheNewestMessage() throws Exception {
    AppWindow alice = registeredApp("dalice");
    ParleyClient bob = otherUser("dbob");
    bob.addContact("dalice").get(20, TimeUnit.SECONDS);
    for (int i = 0; i < 40; i++) {
      bob.send("dalice", i + ": " + PARAGRAPH).get(20, TimeUnit.SECONDS);
    }
    waitFor("all arrived", () -> alice.stage().getTitle().startsWith("(40)"));
    robot.interact(() -> alice.app().chatWindows().open("dbob"));
    Stage window = chatWindow("dbob");
    assertThat(window.getWidth()).as("wide enough to read").isGreaterThanOrEqualTo(480);
    assertThat(window.getHeight()).as("tall enough to read").isGreaterThanOrEqualTo(600);
    ListView<ChatMessage> list = messagesIn(window);
    waitFor("history", () -> list.getItems().size() == 40);
    waitFor("opens at the newest", () -> wholeInView(list, "39: " + PARAGRAPH));

    // Sent from the window: in view.
    robot.clickOn(in(window, "#message-input")).write("just sent").type(KeyCode.ENTER);
    waitFor("own message in view", () -> wholeInView(list, "just sent"));

    // Arriving while the newest is in view: in view.
    bob.send("dalice", "new from bob: " + PARAGRAPH).get(20, TimeUnit.SECONDS);
    waitFor("bob's new message in view", () -> wholeInView(list, "new from bob: " + PARAGRAPH));

    // Someone reading further up is not pulled down by an arriving message...
    robot.interact(() -> list.scrollTo(5));
    robot.moveTo(list).scroll(2, javafx.geometry.VerticalDirection.DOWN);
    robot.interact(() -> {});
    String top = firstVisible(list);
    bob.send("dalice", "while reading").get(20, TimeUnit.SECONDS);
    waitFor(
        "arrived", () -> list.getItems().stream().anyMatch(m -> m.text().equals("while reading")));
    // Nothing to wait for but the list not moving: the arrival is handled, then laid out.
    waitForLayoutPasses(window.getScene(), 3);
    assertThat(wholeInView(list, "while reading")).as("not pulled down").isFalse();
    assertThat(firstVisible(list)).isEqualTo(top);
    // ...but what they send themselves brings them to it.
    robot.clickOn(in(window, "#message-input")).write("my answer").type(KeyCode.ENTER);
    waitFor("own answer in view", () -> wholeInView(list, "my answer"));
  }

  @SuppressWarnings("unchecked")
  private boolean wholeInView(ListView<ChatMessage> list, String text) {
    Bounds view = list.localToScene(list.getLayoutBounds());
    return robot.from(list).lookup(".list-cell").queryAll().stream()
        .map(n -> (ListCell<ChatMessage>) n)
        .filter(c -> c.isVisible() && c.getItem() != null && c.getItem().text().equals(text))
        .anyMatch(
            c -> {
              Bounds b = c.localToScene(c.getLayoutBounds());
              return b.getMinY() >= view.getMinY() - 0.5 && b.getMaxY() <= view.getMaxY() + 0.5;
            });
  }

  @SuppressWarnings("unchecked")
  private String firstVisible(ListView<ChatMessage> list) {
    Bounds view = list.localToScene(list.getLayoutBounds());
    return robot.from(list).lookup(".list-cell").queryAll().stream()
        .map(n -> (ListCell<ChatMessage>) n)
        .filter(c -> c.isVisible() && c.getItem() != null)
        .filter(c -> c.localToScene(c.getLayoutBounds()).getMaxY() > view.getMinY() + 1)
        .min(java.util.Comparator.comparingInt(ListCell::getIndex))
        .map(c -> c.getItem().text())
        .orElse("");
  }

  private Stage chatWindow(String peer) throws Exception {
    waitFor(
        "window for " + peer,
        () -> Window.getWindows().stream().anyMatch(w -> isChatWindow(w, peer)));
    return (Stage)
        Window.getWindows().stream().filter(w -> isChatWindow(w, peer)).findFirst().orElseThrow();
  }

  private static boolean isChatWindow(Window w, String peer) {
    return w instanceof Stage s && s.isShowing() && (peer + " — Parley").equals(s.getTitle());
  }
}
