package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.DeliveryState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * How messages and notices are laid out in the real conversation view: long and multi-line text
 * wraps to its full height inside the list's width, notices wrap too, no row is blank.
 */
class ConversationLayoutTest extends FxTestSupport {
  private static final String LONG =
      "This is a long message that goes on and on, much wider than any bubble may be, so that it"
          + " has to wrap over several lines instead of being cut off with an ellipsis on one"
          + " line, which is what happened before. It keeps going for a while longer still, so"
          + " that even a wide window needs several lines for it.";
  private static final String MULTI = "first line\nsecond line\n\nfourth line after a blank one";

  @Test
  void longAndMultiLineMessagesWrapToTheirFullHeightWithinTheList() throws Exception {
    AppWindow alice = registeredApp("lalice");
    ParleyClient bob = otherUser("lbob");
    addContact(alice, "lbob");
    bob.send("lalice", "short").get(20, TimeUnit.SECONDS);
    bob.send("lalice", LONG).get(20, TimeUnit.SECONDS);
    bob.send("lalice", MULTI).get(20, TimeUnit.SECONDS);
    robot.clickOn(in(alice.stage(), "#message-input")).write("mine: " + LONG).type(KeyCode.ENTER);
    ListView<ChatMessage> list = messagesIn(alice.stage());
    waitFor("all four shown", () -> list.getItems().size() == 4);

    for (double width : new double[] {1000, 720}) {
      robot.interact(() -> alice.stage().setWidth(width));
      waitFor("laid out at " + width, () -> cellOf(list, "short").isPresent());
      double line = textNode(list, "short").getLayoutBounds().getHeight();
      assertThat(line).as("one line has a height").isGreaterThan(5);
      for (String text : List.of(LONG, MULTI, "mine: " + LONG)) {
        robot.interact(() -> list.scrollTo(indexOf(list, text)));
        waitFor("cell for " + text.substring(0, 10), () -> cellOf(list, text).isPresent());
        Node node = textNode(list, text);
        assertThat(shownText(node))
            .as("the whole text is laid out, nothing elided")
            .isEqualTo(text);
        assertThat(node.getLayoutBounds().getHeight())
            .as("several lines high at width " + width)
            .isGreaterThan(3.5 * line);
        assertInside(node, cellOf(list, text).orElseThrow(), "text inside its cell");
        Node bubble = bubbleOf(node);
        assertThat(bubble.getLayoutBounds().getWidth())
            .as("a bubble is at most about two thirds of the list's width")
            .isLessThanOrEqualTo(list.getWidth() * MessageCell.BUBBLE_SHARE + 1);
        assertInside(bubble, list, "bubble inside the list");
      }
      assertThat(horizontalBarShown(list)).as("no sideways scrolling").isFalse();
    }
    assertThat(
            bubbleOf(textNode(list, "mine: " + LONG)).localToScene(0, 0).getX()
                > bubbleOf(textNode(list, LONG)).localToScene(0, 0).getX())
        .as("own bubbles on the right")
        .isTrue();
  }

  @Test
  void aKeyChangeNoticeWrapsInANarrowWindowAndNoRowIsBlank() throws Exception {
    AppWindow alice = registeredApp("kalice");
    ParleyClient bob = otherUser("kbob");
    addContact(alice, "kbob");
    robot.interact(() -> alice.stage().setWidth(720));
    for (int i = 0; i < 25; i++) {
      bob.send("kalice", i % 3 == 0 ? LONG : "message " + i).get(20, TimeUnit.SECONDS);
    }
    ListView<ChatMessage> list = messagesIn(alice.stage());
    waitFor("bob's messages", () -> list.getItems().size() == 25);
    ParleyClient aliceCore = alice.app().client();
    aliceCore
        .setVerified("kbob", aliceCore.safetyNumber("kbob").get(20, TimeUnit.SECONDS), true)
        .get(20, TimeUnit.SECONDS);
    // Bob on a new computer: a new identity, so a key-change notice in the conversation.
    bob.close();
    ParleyClient bobAgain =
        track(new ParleyClient(testConfig(dir.resolve("kbob-new-" + System.nanoTime()))));
    bobAgain.trustServer(address(), server.fingerprint());
    bobAgain.connect(address()).get(20, TimeUnit.SECONDS);
    bobAgain.login("kbob", PASSWORD.toCharArray()).get(20, TimeUnit.SECONDS);
    bobAgain.send("kalice", "new laptop").get(20, TimeUnit.SECONDS);
    robot.clickOn(in(alice.stage(), "#message-input")).write("mine: " + LONG).type(KeyCode.ENTER);
    waitFor(
        "notice and both new messages",
        () ->
            list.getItems().stream().anyMatch(m -> m.kind() == ChatMessage.Kind.IDENTITY_CHANGED)
                && indexOf(list, "new laptop") >= 0
                && indexOf(list, "mine: " + LONG) >= 0);
    ChatMessage notice =
        list.getItems().stream()
            .filter(m -> m.kind() == ChatMessage.Kind.IDENTITY_CHANGED)
            .findFirst()
            .orElseThrow();
    robot.interact(() -> list.scrollTo(list.getItems().indexOf(notice)));
    waitFor("notice cell", () -> cellOf(list, notice.text()).isPresent());
    Node noticeNode =
        robot.from(cellOf(list, notice.text()).orElseThrow()).lookup(".notice").query();
    assertThat(shownText(noticeNode)).as("notice shown whole").isEqualTo(notice.text());
    assertInside(noticeNode, list, "notice inside the list");
    assertThat(horizontalBarShown(list)).as("no sideways scrolling").isFalse();

    // Scrolled to the end, then all the way up and down again: cells are reused for other rows.
    for (int pass = 0; pass < 2; pass++) {
      for (int i = list.getItems().size() - 1; i >= 0; i -= 3) {
        int at = i;
        robot.interact(() -> list.scrollTo(at));
        assertNoBlankRows(list);
      }
      for (int i = 0; i < list.getItems().size(); i += 4) {
        int at = i;
        robot.interact(() -> list.scrollTo(at));
        assertNoBlankRows(list);
      }
    }
    robot.interact(() -> list.scrollTo(list.getItems().size() - 1));
    waitFor("own message visible", () -> cellOf(list, "mine: " + LONG).isPresent());
    assertInside(bubbleOf(textNode(list, "mine: " + LONG)), list, "own bubble not cut off");
    assertThat(horizontalBarShown(list)).as("no sideways scrolling").isFalse();
  }

  @Test
  void anUndecryptableMessageShowsANoticeRowNotAnEmptyBubble() throws Exception {
    // Alice's first computer talks to Bob; then she logs in on this app, a new device.
    BlockingQueue<ChatMessage> oldInbox = new LinkedBlockingQueue<>();
    ParleyClient aliceOld = otherUser("ualice", oldInbox);
    ParleyClient bob = otherUser("ubob");
    bob.addContact("ualice").get(20, TimeUnit.SECONDS);
    aliceOld.addContact("ubob").get(20, TimeUnit.SECONDS);
    bob.send("ualice", "hi").get(20, TimeUnit.SECONDS);
    // The old computer has bob's first message, and bob knows it: their session is in use.
    ChatMessage hi = oldInbox.poll(20, TimeUnit.SECONDS);
    assertThat(hi).as("the old computer got bob's hi").isNotNull();
    assertThat(hi.text()).isEqualTo("hi");
    waitFor(
        "bob sees hi delivered", () -> stateAtBob(bob, "ualice", "hi") == DeliveryState.DELIVERED);
    aliceOld.close();
    AppWindow alice = openApp("ualice-new");
    robot
        .clickOn(in(alice.stage(), "#server-address"))
        .write(address().toString())
        .type(KeyCode.ENTER);
    waitFor("login form", () -> alice.stage().getScene().getRoot().lookup("#username") != null);
    // This device has no account there yet, so the form starts on Create account.
    robot.clickOn(in(alice.stage(), "#switch-mode"));
    robot.clickOn(in(alice.stage(), "#username")).write("ualice");
    robot.clickOn(in(alice.stage(), "#password")).write(PASSWORD);
    robot.clickOn(in(alice.stage(), "#submit"));
    waitFor(
        "main window", () -> alice.stage().getScene().getRoot().lookup("#conversations") != null);
    // Bob still writes to the old device's session: this device cannot read it.
    bob.send("ualice", "lost on the way").get(20, TimeUnit.SECONDS);
    clickContact(alice.stage(), "ubob");
    ListView<ChatMessage> list = messagesIn(alice.stage());
    String expected = "A message from ubob could not be decrypted.";
    waitFor("the notice", () -> cellOf(list, expected).isPresent());
    Node notice = robot.from(cellOf(list, expected).orElseThrow()).lookup(".notice").query();
    assertThat(shownText(notice)).isEqualTo(expected);
    for (Node bubble : robot.from(list).lookup(".bubble").queryAll()) {
      assertThat(shownText(robot.from(bubble).lookup(".message-text").query()))
          .as("no empty bubble")
          .isNotBlank();
    }
  }

  private static DeliveryState stateAtBob(ParleyClient bob, String peer, String text) {
    return bob.history(peer, 10, Long.MAX_VALUE).join().stream()
        .filter(m -> m.outgoing() && m.text().equals(text))
        .map(ChatMessage::state)
        .findFirst()
        .orElse(null);
  }

  private void assertNoBlankRows(ListView<ChatMessage> list) {
    robot.interact(() -> {});
    for (Node n : robot.from(list).lookup(".list-cell").queryAll()) {
      @SuppressWarnings("unchecked")
      ListCell<ChatMessage> cell = (ListCell<ChatMessage>) n;
      if (cell.isVisible() && cell.getItem() != null && intersectsViewport(cell, list)) {
        assertThat(cell.getGraphic()).as("row " + cell.getIndex() + " has content").isNotNull();
        String shown = shownText(cell.getGraphic());
        assertThat(shown)
            .as("row " + cell.getIndex() + " shows its own message")
            .contains(firstWords(cell.getItem().text()));
        assertThat(cell.getHeight())
            .as("row " + cell.getIndex() + " is tall enough for its content")
            .isGreaterThanOrEqualTo(cell.getGraphic().getLayoutBounds().getHeight() - 0.5);
        assertThat(cell.getHeight())
            .as("row " + cell.getIndex() + " has no blank space below its content")
            .isLessThanOrEqualTo(
                cell.getGraphic().getLayoutBounds().getHeight()
                    + cell.snappedTopInset()
                    + cell.snappedBottomInset()
                    + 2);
      }
    }
  }

  private static String firstWords(String text) {
    return text.length() > 12 ? text.substring(0, 12) : text;
  }

  private static boolean intersectsViewport(Node cell, ListView<?> list) {
    Bounds c = cell.localToScene(cell.getLayoutBounds());
    Bounds l = list.localToScene(list.getLayoutBounds());
    return c.getMaxY() > l.getMinY() + 2 && c.getMinY() < l.getMaxY() - 2 && c.getHeight() > 0;
  }

  private static int indexOf(ListView<ChatMessage> list, String text) {
    for (int i = 0; i < list.getItems().size(); i++) {
      if (list.getItems().get(i).text().equals(text)) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private Optional<ListCell<ChatMessage>> cellOf(ListView<ChatMessage> list, String text) {
    return robot.from(list).lookup(".list-cell").queryAll().stream()
        .map(n -> (ListCell<ChatMessage>) n)
        .filter(c -> c.isVisible() && c.getItem() != null && c.getItem().text().equals(text))
        .filter(c -> c.getGraphic() != null)
        .findFirst();
  }

  /** The message's text node: the bubble's {@code .message-text}, whatever its kind. */
  private Node textNode(ListView<ChatMessage> list, String text) {
    return robot.from(cellOf(list, text).orElseThrow()).lookup(".message-text").query();
  }

  private static Node bubbleOf(Node text) {
    Node n = text;
    while (n != null && !n.getStyleClass().contains("bubble")) {
      n = n.getParent();
    }
    assertThat(n).as("inside a bubble").isNotNull();
    return n;
  }

  /** The characters the node draws, in order (a label's text node holds its elided form). */
  private static String shownText(Node node) {
    if (node instanceof FontIcon) {
      return ""; // an icon, not text
    }
    if (node instanceof Text t) {
      return t.getText();
    }
    if (node instanceof Parent p) {
      return p.getChildrenUnmodifiable().stream()
          .filter(Node::isVisible)
          .map(ConversationLayoutTest::shownText)
          .collect(Collectors.joining());
    }
    return "";
  }

  private static void assertInside(Node inner, Node outer, String what) {
    Bounds i = inner.localToScene(inner.getLayoutBounds());
    Bounds o = outer.localToScene(outer.getLayoutBounds());
    assertThat(i.getMinX()).as(what + " (left)").isGreaterThanOrEqualTo(o.getMinX() - 0.5);
    assertThat(i.getMaxX()).as(what + " (right)").isLessThanOrEqualTo(o.getMaxX() + 0.5);
    assertThat(i.getMinY()).as(what + " (top)").isGreaterThanOrEqualTo(o.getMinY() - 0.5);
    assertThat(i.getMaxY()).as(what + " (bottom)").isLessThanOrEqualTo(o.getMaxY() + 0.5);
  }

  private boolean horizontalBarShown(ListView<?> list) {
    return robot.from(list).lookup(".scroll-bar").queryAll().stream()
        .map(n -> (ScrollBar) n)
        .anyMatch(b -> b.getOrientation() == Orientation.HORIZONTAL && b.isVisible());
  }
}
