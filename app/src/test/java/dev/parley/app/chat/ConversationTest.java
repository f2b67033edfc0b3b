package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.DeliveryState;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The conversation pane and contacts list of the main window, against the real server. */
class ConversationTest extends FxTestSupport {

  @Test
  void aMessageToAnOfflineContactShowsSentThenDeliveredWhenTheyLogIn() throws Exception {
    AppWindow alice = registeredApp("oalice");
    ParleyClient bob = otherUser("obob");
    // The server confirms delivery only to senders the recipient has added (PROTOCOL.md §7).
    bob.addContact("oalice").get(20, TimeUnit.SECONDS);
    bob.logout().get(20, TimeUnit.SECONDS);
    addContact(alice, "obob");
    robot.clickOn(in(alice.stage(), "#message-input")).write("see you later").type(KeyCode.ENTER);
    ListView<ChatMessage> list = messagesIn(alice.stage());
    waitFor(
        "sent (stored on the server)", () -> stateOf(list, "see you later") == DeliveryState.SENT);
    // A request answered after the send's: whatever the server told alice before, her client has
    // handled it (answers and events are handled in order) and the window shows it.
    alice.app().client().addContact("obob").get(20, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(stateOf(list, "see you later"))
        .as("nobody received it yet")
        .isEqualTo(DeliveryState.SENT);

    bob.login("obob", PASSWORD.toCharArray()).get(20, TimeUnit.SECONDS);
    waitFor("delivered", () -> stateOf(list, "see you later") == DeliveryState.DELIVERED);
    assertThat(in(alice.stage(), "#state-" + messageId(list, "see you later")).getUserData())
        .as("the bubble's icon follows")
        .isEqualTo(DeliveryState.DELIVERED);
  }

  @Test
  void olderHistoryLoadsWhenScrolledToTheTop() throws Exception {
    ParleyClient bob = otherUser("hbob");
    AppWindow alice = registeredApp("halice");
    int total = ConversationViewModel.PAGE + 30;
    for (int i = 0; i < total; i++) {
      bob.send("halice", "message " + i).get(20, TimeUnit.SECONDS);
    }
    waitFor(
        "all arrived",
        () ->
            alice.stage().getTitle().startsWith("(" + total + ")")
                && !robot.lookup("#conversations .list-cell").queryAll().isEmpty());
    clickContact(alice.stage(), "hbob");
    ListView<ChatMessage> list = messagesIn(alice.stage());
    waitFor("newest page shown", () -> list.getItems().size() >= ConversationViewModel.PAGE);
    assertThat(list.getItems().size())
        .as("only the newest page")
        .isEqualTo(ConversationViewModel.PAGE);
    assertThat(list.getItems().get(0).text()).isEqualTo("message 30");
    assertThat(list.getItems().get(list.getItems().size() - 1).text())
        .isEqualTo("message " + (total - 1));
    waitFor("read once open", () -> !alice.stage().getTitle().startsWith("("));

    robot.moveTo(list);
    for (int i = 0; i < 40 && list.getItems().size() < total; i++) {
      // Monocle's wheel runs the other way round: DOWN here scrolls the content towards its top.
      robot.scroll(20, VerticalDirection.DOWN);
    }
    waitFor("older page loaded", () -> list.getItems().size() == total);
    List<String> texts = list.getItems().stream().map(ChatMessage::text).toList();
    assertThat(texts.get(0)).isEqualTo("message 0");
    assertThat(texts).doesNotHaveDuplicates();
    robot.interact(() -> list.scrollTo(0));
    assertThat(robot.from(list).lookup(".day-separator").queryAllAs(Label.class))
        .extracting(Label::getText)
        .containsExactly("Today");
  }

  @Test
  void removingAContactAsksFirstThenTakesItOffTheList() throws Exception {
    AppWindow alice = registeredApp("ralice");
    otherUser("rbob");
    otherUser("rcarol");
    addContact(alice, "rbob");
    addContact(alice, "rcarol");

    // From the contact's context menu (fired directly: headless Monocle opens no context menus).
    javafx.scene.control.MenuItem remove = menuItem(alice.stage(), "rbob", "Remove contact…");
    // Not interact(): the confirmation is modal and would block it.
    javafx.application.Platform.runLater(remove::fire);
    waitFor(
        "confirmation",
        () -> robot.lookup("Remove rbob from your contacts?").tryQuery().isPresent());
    robot.clickOn("Cancel");
    assertThat(alice.app().client().contacts().get(10, TimeUnit.SECONDS))
        .extracting(c -> c.name())
        .contains("rbob");

    // With the keyboard: Delete on the selected contact. A click puts the cursor in the
    // conversation's composer; the list keeps the focus when walked with the arrow keys.
    clickContact(alice.stage(), "rbob");
    robot.interact(() -> in(alice.stage(), "#conversations").requestFocus());
    robot.type(KeyCode.DELETE);
    waitFor(
        "confirmation",
        () -> robot.lookup("Remove rbob from your contacts?").tryQuery().isPresent());
    robot.clickOn("#confirm-ok");
    waitFor("gone from the list", () -> peers(alice.stage()).equals(List.of("rcarol")));
    assertThat(alice.app().client().contacts().get(10, TimeUnit.SECONDS))
        .extracting(c -> c.name())
        .containsExactly("rcarol");
  }

  @Test
  void keyboardShortcutsSwitchConversationsAndStartANewChat() throws Exception {
    AppWindow alice = registeredApp("kalice");
    otherUser("kbob");
    otherUser("kcarol");
    addContact(alice, "kbob");
    addContact(alice, "kcarol");
    String first = title(alice.stage());

    robot.press(KeyCode.CONTROL).type(KeyCode.TAB).release(KeyCode.CONTROL);
    waitFor("next conversation", () -> !title(alice.stage()).equals(first));
    String second = title(alice.stage());
    assertThat(List.of(first, second)).containsExactlyInAnyOrder("kbob", "kcarol");
    robot.press(KeyCode.CONTROL).type(KeyCode.TAB).release(KeyCode.CONTROL);
    waitFor("wraps around", () -> title(alice.stage()).equals(first));
    robot.press(KeyCode.ALT).type(KeyCode.DOWN).release(KeyCode.ALT);
    waitFor("Alt+Down too", () -> title(alice.stage()).equals(second));

    robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
    waitFor("add-contact field focused", () -> in(alice.stage(), "#add-contact-name").isFocused());
  }

  @Test
  void someoneWhoWroteFirstCanBeAddedFromTheConversation() throws Exception {
    AppWindow alice = registeredApp("walice");
    ParleyClient bob = otherUser("wbob");
    bob.send("walice", "hello, we have not met").get(20, TimeUnit.SECONDS);
    waitFor(
        "bob's conversation",
        () ->
            !robot.lookup("#conversations .list-cell").queryAll().isEmpty()
                && peers(alice.stage()).contains("wbob"));
    clickContact(alice.stage(), "wbob");
    javafx.scene.Node add = in(alice.stage(), "#add-to-contacts");
    javafx.scene.Node oneSided = in(alice.stage(), "#not-mutual");
    waitFor("offered to add", add::isVisible);
    assertThat(oneSided.isVisible()).isFalse();

    robot.clickOn(add);
    waitFor("added", () -> !add.isVisible());
    assertThat(oneSided.isVisible()).as("bob has not added alice").isTrue();
    bob.addContact("walice").get(20, TimeUnit.SECONDS);
    waitFor("mutual once bob adds her too", () -> !oneSided.isVisible());
  }

  @Test
  void aVerifiedContactsNewSafetyNumberHoldsMessagesUntilAccepted() throws Exception {
    AppWindow alice = registeredApp("valice");
    ParleyClient bob = otherUser("vbob");
    addContact(alice, "vbob");
    bob.send("valice", "hi, it's bob").get(20, TimeUnit.SECONDS);
    ListView<ChatMessage> list = messagesIn(alice.stage());
    waitFor("bob's message", () -> stateOf(list, "hi, it's bob") == DeliveryState.RECEIVED);
    ParleyClient aliceCore = alice.app().client();
    aliceCore
        .setVerified("vbob", aliceCore.safetyNumber("vbob").get(20, TimeUnit.SECONDS), true)
        .get(20, TimeUnit.SECONDS);
    waitFor("verified badge", () -> in(alice.stage(), "#verified-badge").isVisible());
    javafx.scene.Node banner = in(alice.stage(), "#safety-number-changed");
    assertThat(banner.isVisible()).isFalse();

    // Bob on a new computer: a new identity.
    bob.close();
    ParleyClient bobAgain =
        track(new ParleyClient(testConfig(dir.resolve("vbob-new-" + System.nanoTime()))));
    bobAgain.trustServer(address(), server.fingerprint());
    bobAgain.connect(address()).get(20, TimeUnit.SECONDS);
    bobAgain.login("vbob", PASSWORD.toCharArray()).get(20, TimeUnit.SECONDS);
    bobAgain.send("valice", "new laptop").get(20, TimeUnit.SECONDS);

    waitFor("the banner", banner::isVisible);
    assertThat(in(alice.stage(), "#verified-badge").isVisible()).isFalse();
    assertThat(list.getItems()).anyMatch(m -> m.kind() == ChatMessage.Kind.IDENTITY_CHANGED);
    robot.clickOn(in(alice.stage(), "#message-input")).write("is that you?").type(KeyCode.ENTER);
    waitFor("written", () -> stateOf(list, "is that you?") != null);
    // The client holds what alice writes to bob until she accepts his new safety number; asked on
    // the client's thread, after it handled her message.
    waitFor(
        "sending to bob held",
        () ->
            aliceCore.contacts().join().stream()
                .anyMatch(c -> c.name().equals("vbob") && c.safetyNumberChanged()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(stateOf(list, "is that you?")).as("held").isEqualTo(DeliveryState.SENDING);

    robot.clickOn(in(alice.stage(), "#accept-safety-number"));
    waitFor("banner gone", () -> !banner.isVisible());
    waitFor(
        "sent after accepting",
        () -> stateOf(list, "is that you?").compareTo(DeliveryState.SENT) >= 0);
  }

  private javafx.scene.control.MenuItem menuItem(Stage stage, String peer, String text) {
    return contactCell(stage, peer).getContextMenu().getItems().stream()
        .filter(i -> text.equals(i.getText()))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private List<String> peers(Stage stage) {
    return ((ListView<ConversationItem>) in(stage, "#conversations"))
        .getItems().stream().map(ConversationItem::peer).toList();
  }

  private static DeliveryState stateOf(ListView<ChatMessage> list, String text) {
    return list.getItems().stream()
        .filter(m -> m.text().equals(text))
        .map(ChatMessage::state)
        .findFirst()
        .orElse(null);
  }

  private static String messageId(ListView<ChatMessage> list, String text) {
    return list.getItems().stream()
        .filter(m -> m.text().equals(text))
        .map(ChatMessage::msgId)
        .findFirst()
        .orElseThrow();
  }
}
