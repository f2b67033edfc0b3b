package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/** Detached chat windows, notifications and the unread count in the title. */
class ChatWindowsTest extends FxTestSupport {

  @Test
  void aDetachedWindowAndTheMainWindowShowTheSameConversation() throws Exception {
    AppWindow alice = registeredApp("walice");
    BlockingQueue<ChatMessage> bobInbox = new LinkedBlockingQueue<>();
    ParleyClient bob = otherUser("wbob", bobInbox);
    addContact(alice, "wbob");
    bob.send("walice", "first").get(20, TimeUnit.SECONDS);
    waitFor("first shown in the main window", () -> texts(alice.stage()).contains("first"));

    robot.clickOn(in(alice.stage(), "#pop-out"));
    Stage detached = chatWindow("wbob");
    waitFor("history shown in the detached window", () -> texts(detached).contains("first"));

    // Written in the detached window: it reaches Bob and shows in the main window too.
    robot.clickOn(in(detached, "#message-input")).write("from the window").type(KeyCode.ENTER);
    assertThat(bobInbox.poll(20, TimeUnit.SECONDS).text()).isEqualTo("from the window");
    waitFor(
        "own message in the main window", () -> texts(alice.stage()).contains("from the window"));

    // Bob's answer shows in both.
    bob.send("walice", "second").get(20, TimeUnit.SECONDS);
    waitFor("answer in the detached window", () -> texts(detached).contains("second"));
    waitFor("answer in the main window", () -> texts(alice.stage()).contains("second"));
    assertThat(texts(detached)).isEqualTo(texts(alice.stage()));

    // Opening it again brings back the same window rather than a second one.
    robot.interact(() -> alice.app().chatWindows().open("wbob"));
    assertThat(alice.app().chatWindows().peers()).containsExactly("wbob");

    // Ctrl+W closes it.
    robot.clickOn(in(detached, "#message-input"));
    robot.press(KeyCode.CONTROL).type(KeyCode.W).release(KeyCode.CONTROL);
    waitFor("closed", () -> alice.app().chatWindows().peers().isEmpty() && !detached.isShowing());
  }

  @Test
  void aMessageOutOfSightNotifiesWithTheSenderAndCountsAsUnreadUntilOpened() throws Exception {
    AppWindow alice = registeredApp("nalice");
    ParleyClient bob = otherUser("nbob");
    ParleyClient carol = otherUser("ncarol");
    addContact(alice, "ncarol");
    addContact(alice, "nbob");
    // Bob's conversation in its own window takes the focus: the main window is out of sight.
    robot.interact(() -> alice.app().chatWindows().open("nbob"));
    Stage bobWindow = chatWindow("nbob");
    waitFor("bob's window focused", bobWindow::isFocused);

    carol.send("nalice", "are you there?").get(20, TimeUnit.SECONDS);
    waitFor("notification", () -> robot.lookup("#notification").tryQuery().isPresent());
    Node toast = robot.lookup("#notification").query();
    assertThat(robot.from(toast).lookup(".label").queryAllAs(Label.class))
        .extracting(Label::getText)
        .contains("ncarol");
    assertThat(robot.from(toast).lookup("#notification-body").query().getAccessibleText())
        .isEqualTo("are you there?");
    waitFor("unread badge", () -> unreadBadge(alice.stage(), "ncarol").equals("1"));
    waitFor("unread total in the title", () -> alice.stage().getTitle().startsWith("(1) "));

    // A message in the conversation that has the focus neither notifies nor counts.
    robot.interact(() -> toast.getScene().getWindow().hide());
    bob.send("nalice", "seen at once").get(20, TimeUnit.SECONDS);
    waitFor("shown in bob's window", () -> texts(bobWindow).contains("seen at once"));
    assertThat(robot.lookup("#notification").tryQuery()).isEmpty();
    waitFor("still one unread", () -> alice.stage().getTitle().startsWith("(1) "));

    // Clicking the notification opens Carol's conversation in the main window and reads it.
    carol.send("nalice", "hello?").get(20, TimeUnit.SECONDS);
    waitFor("second notification", () -> robot.lookup("#notification").tryQuery().isPresent());
    robot.clickOn(robot.lookup("#notification").<Node>query());
    waitFor(
        "carol's conversation open",
        () -> "ncarol".equals(((Label) in(alice.stage(), "#conversation-title")).getText()));
    waitFor("read", () -> !alice.stage().getTitle().startsWith("("));
    waitFor("no badge", () -> unreadBadge(alice.stage(), "ncarol").isEmpty());
  }

  @Test
  void notificationsSwitchedOffStayQuiet() throws Exception {
    AppWindow alice = registeredApp("qalice");
    ParleyClient bob = otherUser("qbob");
    ParleyClient carol = otherUser("qcarol");
    addContact(alice, "qcarol");
    addContact(alice, "qbob");
    robot.clickOn(in(alice.stage(), "#settings-button"));
    waitFor("settings", () -> robot.lookup("#settings").tryQuery().isPresent());
    robot.clickOn("#notifications-toggle");
    robot.clickOn(
        robot.lookup("#settings").queryAs(DialogPane.class).lookupButton(ButtonType.CLOSE));
    assertThat(alice.prefs().getBoolean("notifications", true)).isFalse();

    robot.interact(() -> alice.app().chatWindows().open("qbob"));
    waitFor("bob's window focused", chatWindow("qbob")::isFocused);
    carol.send("qalice", "psst").get(20, TimeUnit.SECONDS);
    waitFor("counted as unread", () -> alice.stage().getTitle().startsWith("(1) "));
    assertThat(robot.lookup("#notification").tryQuery()).isEmpty();
    bob.close();
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

  private List<String> texts(Stage stage) {
    return messagesIn(stage).getItems().stream().map(ChatMessage::text).toList();
  }

  private String unreadBadge(Stage stage, String peer) {
    return robot
        .from(in(stage, "#conversations"))
        .lookup("#unread-" + peer)
        .tryQueryAs(Label.class)
        .filter(Node::isVisible)
        .map(Label::getText)
        .orElse("");
  }
}
