package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.emoji.Emoji;
import dev.parley.app.testing.FxTestSupport;
import dev.parley.app.text.EmojiArea;
import dev.parley.app.text.SelectableText;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/** Message text in the real conversation view: emoji images, selection, copying, the composer. */
class MessageTextTest extends FxTestSupport {
  private static final String PARTY = "\uD83C\uDF89";
  private static final String THUMB_MEDIUM = "\uD83D\uDC4D\uD83C\uDFFD";
  private static final String FLAG_GB = "\uD83C\uDDEC\uD83C\uDDE7";
  private static final String FAMILY =
      "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
  private static final String THUMB = "\uD83D\uDC4D";

  @Test
  void emojiInAReceivedMessageAreImagesInTheBubbleAndThePreviewOneImagePerSequence()
      throws Exception {
    AppWindow alice = registeredApp("ealice");
    ParleyClient bob = otherUser("ebob");
    addContact(alice, "ebob");
    String text = "party " + PARTY + " ok " + THUMB_MEDIUM + " " + FLAG_GB + " " + FAMILY;
    bob.send("ealice", text).get(20, TimeUnit.SECONDS);
    SelectableText bubble = waitForBubble(alice, text);

    assertThat(emojiIn(bubble.flow()))
        .as("one image per emoji, a ZWJ family, a skin tone and a flag each one")
        .containsExactly(PARTY, THUMB_MEDIUM, FLAG_GB, FAMILY);
    assertThat(textRuns(bubble.flow()))
        .as("no emoji left to the font (it draws empty boxes)")
        .isEqualTo("party  ok   ");
    assertThat(bubble.getStyleClass()).contains("message-text");
    Node preview =
        robot.from(in(alice.stage(), "#conversations")).lookup(".conversation-preview").query();
    assertThat(emojiIn(preview)).containsExactly(PARTY, THUMB_MEDIUM, FLAG_GB, FAMILY);
  }

  @Test
  void dragSelectingAndCtrlCCopiesTheExactTextEmojiIncludedAndDoubleClickSelectsAWord()
      throws Exception {
    AppWindow alice = registeredApp("salice");
    ParleyClient bob = otherUser("sbob");
    addContact(alice, "sbob");
    String text = "first line\nsecond " + PARTY + " line";
    bob.send("salice", text).get(20, TimeUnit.SECONDS);
    SelectableText bubble = waitForBubble(alice, text);
    Text first = (Text) bubble.flow().getChildren().get(0);
    Text oneLine = new Text("x");
    oneLine.setFont(first.getFont());
    assertThat(bubble.getHeight())
        .as("the line break is kept: two lines")
        .isGreaterThan(oneLine.getLayoutBounds().getHeight() * 1.5);

    // In the flow the emoji image is one position: "second " starts at 11, "n" of "line" at 22.
    robot.drag(leadingEdge(bubble.flow(), 11), MouseButton.PRIMARY);
    robot.moveTo(leadingEdge(bubble.flow(), 22)).release(MouseButton.PRIMARY);
    assertThat(bubble.getSelectedText()).isEqualTo("second " + PARTY + " li");
    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    assertThat(clipboard()).isEqualTo("second " + PARTY + " li");

    robot.doubleClickOn(leadingEdge(bubble.flow(), 2));
    assertThat(bubble.getSelectedText()).isEqualTo("first");
  }

  @Test
  void copyTextInTheMessageMenuCopiesTheWholeMultiLineMessage() throws Exception {
    AppWindow alice = registeredApp("calice");
    ParleyClient bob = otherUser("cbob");
    addContact(alice, "cbob");
    String text =
        "Agenda:\n1. coffee "
            + THUMB
            + "\n2. a long point that goes on and on so that it has to"
            + " wrap inside the bubble rather than run out of it or end in an ellipsis";
    bob.send("calice", text).get(20, TimeUnit.SECONDS);
    SelectableText bubble = waitForBubble(alice, text);
    robot.interact(
        () -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, "")));

    // The menu from the keyboard (Monocle's right click is no popup trigger): Shift+F10.
    robot.clickOn(bubble).press(KeyCode.SHIFT).type(KeyCode.F10).release(KeyCode.SHIFT);
    robot.clickOn("Copy text");
    assertThat(clipboard()).isEqualTo(text);

    robot.clickOn(bubble).press(KeyCode.SHIFT).type(KeyCode.F10).release(KeyCode.SHIFT);
    robot.clickOn("Select all");
    assertThat(bubble.getSelectedText()).isEqualTo(text);
  }

  @Test
  void thePickerInsertsAtTheCaretTheComposerShowsEmojiAsImagesAndSendsTheText() throws Exception {
    AppWindow alice = registeredApp("palice");
    BlockingQueue<ChatMessage> inbox = new LinkedBlockingQueue<>();
    ParleyClient bob = otherUser("pbob", inbox);
    addContact(alice, "pbob");
    robot.clickOn(in(alice.stage(), "#message-input")).write("ab").type(KeyCode.LEFT);

    robot.clickOn(in(alice.stage(), "#emoji-button"));
    waitFor("picker", () -> robot.lookup("#emoji-search").tryQuery().isPresent());
    robot.write("thumbs up");
    Node grid = robot.lookup("#emoji-grid").query();
    waitFor("found", () -> !emojiIn(grid).isEmpty());
    assertThat(emojiIn(grid).get(0)).isEqualTo(THUMB);
    robot.type(KeyCode.ENTER);

    EmojiArea area = (EmojiArea) in(alice.stage(), "#message-input");
    waitFor("inserted at the caret", () -> area.getOriginalText().equals("a" + THUMB + "b"));
    assertThat(emojiIn(area)).as("drawn as an image").containsExactly(THUMB);
    assertThat(area.isFocused()).as("back in the composer").isTrue();

    // Pasted emoji become images too.
    robot.interact(
        () -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, FLAG_GB)));
    robot.type(KeyCode.END).press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
    waitFor("pasted", () -> area.getOriginalText().equals("a" + THUMB + "b" + FLAG_GB));
    assertThat(emojiIn(area)).containsExactly(THUMB, FLAG_GB);

    // The picker remembers what was used, from the keyboard alone.
    robot.clickOn(in(alice.stage(), "#emoji-button"));
    waitFor("picker again", () -> robot.lookup("#emoji-grid").tryQuery().isPresent());
    assertThat(emojiIn(robot.lookup("#emoji-grid").query())).startsWith(THUMB);
    robot.type(KeyCode.DOWN).type(KeyCode.SPACE);
    waitFor(
        "recent one inserted",
        () -> area.getOriginalText().equals("a" + THUMB + "b" + FLAG_GB + THUMB));

    robot.type(KeyCode.ENTER);
    ChatMessage got = inbox.poll(20, TimeUnit.SECONDS);
    assertThat(got).isNotNull();
    assertThat(got.text()).isEqualTo("a" + THUMB + "b" + FLAG_GB + THUMB);
  }

  private SelectableText waitForBubble(AppWindow w, String text) throws Exception {
    Stage stage = w.stage();
    waitFor(
        "message shown",
        () ->
            robot.from(in(stage, "#messages")).lookup(".message-text").queryAll().stream()
                .anyMatch(n -> n instanceof SelectableText s && s.getText().equals(text)));
    // Once read, the list redraws the row; select in the bubble that stays. Showing the message
    // asked the client to mark it read; once that and what the app asked in turn are answered,
    // the conversation is read and the list has redrawn.
    waitForClientRounds(w.app().client(), 2);
    @SuppressWarnings("unchecked")
    javafx.scene.control.ListView<ConversationItem> rows =
        (javafx.scene.control.ListView<ConversationItem>) in(stage, "#conversations");
    waitFor("read", () -> rows.getItems().stream().allMatch(c -> c.unread() == 0));
    waitForLayoutPasses(stage.getScene(), 2);
    return robot.from(in(stage, "#messages")).lookup(".message-text").queryAll().stream()
        .map(SelectableText.class::cast)
        .filter(s -> s.getText().equals(text))
        .findFirst()
        .orElseThrow();
  }

  /** The emoji drawn as images under {@code root}, in order. */
  private List<String> emojiIn(Node root) {
    return robot.from(root).lookup(".emoji").queryAll().stream()
        .filter(n -> n instanceof ImageView && n.getUserData() instanceof Emoji)
        .filter(
            n ->
                n.getParent() != null
                    && !(n.getParent() instanceof javafx.scene.control.ToggleButton))
        .map(n -> ((Emoji) n.getUserData()).text())
        .toList();
  }

  private static String textRuns(TextFlow flow) {
    StringBuilder b = new StringBuilder();
    flow.getChildren().stream()
        .filter(Text.class::isInstance)
        .forEach(t -> b.append(((Text) t).getText()));
    return b.toString();
  }

  /** A point just inside the leading edge of flow position {@code index}, on screen. */
  private Point2D leadingEdge(TextFlow flow, int index) {
    Path p = new Path(flow.rangeShape(index, index + 1));
    p.setStrokeWidth(0);
    Bounds b = flow.localToScreen(p.getBoundsInLocal());
    return new Point2D(b.getMinX() + 2, b.getCenterY());
  }

  private String clipboard() {
    String[] out = new String[1];
    robot.interact(() -> out[0] = Clipboard.getSystemClipboard().getString());
    return out[0];
  }
}
