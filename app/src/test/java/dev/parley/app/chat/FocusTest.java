package dev.parley.app.chat;

import dev.parley.app.testing.FxTestSupport;
import dev.parley.app.text.EmojiArea;
import dev.parley.client.ParleyClient;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/** Where the keyboard focus lands: typed text goes into the open conversation's composer. */
class FocusTest extends FxTestSupport {

  @Test
  void afterRegisteringTypedTextGoesIntoAddAContact() throws Exception {
    AppWindow alice = registeredApp("nalice");
    // The promise: once the main screen shows, the focus is in Add a contact (within a bound, as
    // the screen asks for it a couple of event-queue turns after it shows).
    waitFor(
        "Add a contact has the focus",
        () -> alice.stage().getScene().getFocusOwner() == in(alice.stage(), "#add-contact-name"));
    robot.write("nbob");
    waitFor(
        "the name went into Add a contact",
        () ->
            "nbob"
                .equals(
                    ((javafx.scene.control.TextField) in(alice.stage(), "#add-contact-name"))
                        .getText()));
  }

  @Test
  void clickingAConversationPutsTheCursorInItsComposer() throws Exception {
    AppWindow alice = registeredApp("falice");
    otherUser("fbob");
    otherUser("fcarol");
    addContact(alice, "fbob");
    addContact(alice, "fcarol");

    clickContact(alice.stage(), "fbob");
    waitFor("bob's conversation", () -> "fbob".equals(title(alice.stage())));
    robot.write("typed straight away");
    waitFor(
        "the text went into the composer",
        () -> "typed straight away".equals(composer(alice.stage()).getOriginalText()));

    clickContact(alice.stage(), "fcarol");
    waitFor("carol's conversation", () -> "fcarol".equals(title(alice.stage())));
    robot.write("and to carol");
    waitFor(
        "into carol's composer",
        () -> "and to carol".equals(composer(alice.stage()).getOriginalText()));
  }

  @Test
  void clickingANotificationPutsTheCursorInThatConversationsComposer() throws Exception {
    AppWindow alice = registeredApp("talice");
    otherUser("tbob");
    ParleyClient carol = otherUser("tcarol");
    addContact(alice, "tcarol");
    addContact(alice, "tbob");
    // Bob's conversation in its own window takes the focus: the main window is out of sight.
    robot.interact(() -> alice.app().chatWindows().open("tbob"));
    Stage bobWindow = chatWindow("tbob");
    waitFor("bob's window focused", bobWindow::isFocused);

    carol.send("talice", "are you there?").get(20, TimeUnit.SECONDS);
    waitFor("notification", () -> robot.lookup("#notification").tryQuery().isPresent());
    robot.clickOn(robot.lookup("#notification").<Node>query());
    waitFor("carol's conversation open", () -> "tcarol".equals(title(alice.stage())));
    waitFor("main window focused", () -> alice.stage().isFocused());
    waitFor(
        "the composer has the focus",
        () -> alice.stage().getScene().getFocusOwner() == composer(alice.stage()));
    robot.write("yes");
    waitFor(
        "typed into carol's composer",
        () -> "yes".equals(composer(alice.stage()).getOriginalText()));
  }

  private EmojiArea composer(Stage stage) {
    return (EmojiArea) in(stage, "#message-input");
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
