package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.ParleyApp;
import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.api.ServerAddress;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** Drives the real views against a real server: register, add a contact, chat both ways. */
class ChatFlowTest extends FxTestSupport {

  @Test
  void registrationChecklistRefusesWeakPasswordsThenTwoUsersChat() throws Exception {
    Stage aliceStage = openApp("alice").stage();

    // The register form's checklist follows typing (what it says in words: RegisterFormTest).
    robot
        .clickOn(in(aliceStage, "#server-address"))
        .write(address().toString())
        .type(KeyCode.ENTER);
    waitFor("login form", () -> aliceStage.getScene().getRoot().lookup("#username") != null);
    showRegisterForm(aliceStage);
    robot.clickOn(in(aliceStage, "#username")).write("alice");
    robot.clickOn(in(aliceStage, "#password")).write("short");
    Button submit = (Button) in(aliceStage, "#submit");
    assertThat(((Label) in(aliceStage, "#rule-too_short")).getStyleClass()).contains("rule-unmet");
    assertThat(((Label) in(aliceStage, "#rule-no_uppercase")).getStyleClass())
        .contains("rule-unmet");
    assertThat(((Label) in(aliceStage, "#rule-no_digit")).getStyleClass()).contains("rule-unmet");
    robot.clickOn(in(aliceStage, "#password")).eraseText(5).write("Passw0rdOK");
    assertThat(((Label) in(aliceStage, "#rule-too_short")).getStyleClass()).contains("rule-met");
    assertThat(((Label) in(aliceStage, "#rule-no_digit")).getStyleClass()).contains("rule-met");
    robot.clickOn(in(aliceStage, "#confirm")).write("Passw0rdOK");
    robot.clickOn(submit);
    waitFor("alice in", () -> aliceStage.getScene().getRoot().lookup("#conversations") != null);

    // Bob is a second user on the same server, driven through the client core.
    BlockingQueue<ChatMessage> bobInbox = new LinkedBlockingQueue<>();
    ParleyClient bobClient = otherUser("bob", bobInbox);
    // They know each other: receipts go only to people the recipient added.
    bobClient.addContact("alice").get(10, TimeUnit.SECONDS);

    // Alice adds Bob and writes; Enter sends.
    robot.clickOn(in(aliceStage, "#add-contact-name")).write("bob");
    robot.clickOn(in(aliceStage, "#add-contact"));
    // title() is "" until the conversation pane exists (in() would throw and end the wait).
    waitFor("conversation open", () -> "bob".equals(title(aliceStage)));
    robot.clickOn(in(aliceStage, "#message-input")).write("Hello Bob").type(KeyCode.ENTER);
    assertThat(bobInbox.poll(20, TimeUnit.SECONDS).text()).isEqualTo("Hello Bob");

    ListView<ChatMessage> aliceMessages = messagesIn(aliceStage);
    waitFor(
        "alice's bubble shows delivered",
        () ->
            aliceMessages.getItems().stream().anyMatch(m -> m.state() == DeliveryState.DELIVERED));
    bobClient.markRead("alice").get(10, TimeUnit.SECONDS);
    waitFor(
        "alice's bubble shows read",
        () -> aliceMessages.getItems().stream().anyMatch(m -> m.state() == DeliveryState.READ));

    // Shift+Enter makes a new line; Enter sends.
    robot.clickOn(in(aliceStage, "#message-input")).write("two");
    robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
    robot.write("lines").type(KeyCode.ENTER);
    assertThat(bobInbox.poll(20, TimeUnit.SECONDS).text()).isEqualTo("two\nlines");

    // Bob answers; the bubble appears on Alice's side (theirs, left).
    bobClient.send("alice", "Hi Alice!").get(10, TimeUnit.SECONDS);
    waitFor(
        "bob's reply shown",
        () ->
            aliceMessages.getItems().stream()
                .anyMatch(m -> !m.outgoing() && m.text().equals("Hi Alice!")));

    // Marking verified from the safety-number view shows the badge.
    robot.clickOn(in(aliceStage, "#safety-button"));
    waitFor("safety dialog", () -> robot.lookup("#safety-number").tryQuery().isPresent());
    String shown =
        robot.lookup(".safety-group").queryAll().stream()
            .map(n -> ((Label) n).getText())
            .reduce("", String::concat);
    assertThat(shown).isEqualTo(bobClient.safetyNumber("alice").get(10, TimeUnit.SECONDS).digits());
    robot.clickOn("#verified-toggle");
    robot.clickOn(robot.lookup(".dialog-pane .button").queryButton());
    waitFor("verified badge", () -> in(aliceStage, "#verified-badge").isVisible());
  }

  @Test
  void aServerThatGoesAwayShowsReconnectingAndQueuedMessagesGoOutWhenItIsBack() throws Exception {
    Path data = dir.resolve("restartable-" + UUID.randomUUID());
    ParleyServer own = ParleyServer.start(serverConfig(data, 0));
    int port = own.port();
    try {
      Stage[] stage = new Stage[1];
      FxToolkit.setupFixture(
          () -> {
            stage[0] = new Stage();
            track(
                ParleyApp.show(
                    stage[0],
                    freshPrefs(),
                    ClientConfig.in(dir.resolve("r-" + UUID.randomUUID()))));
          });
      Stage aliceStage = stage[0];
      ServerAddress where = new ServerAddress("127.0.0.1", port);
      apps().get(0).client().trustServer(where, own.fingerprint());
      ParleyClient bobClient =
          track(new ParleyClient(ClientConfig.in(dir.resolve("rb-" + UUID.randomUUID()))));
      bobClient.trustServer(where, own.fingerprint());
      bobClient.connect(where).get(20, TimeUnit.SECONDS);
      bobClient.register("rbob", "B0bsPassword".toCharArray()).get(20, TimeUnit.SECONDS);

      robot.clickOn(in(aliceStage, "#server-address")).write(where.toString()).type(KeyCode.ENTER);
      waitFor("login form", () -> aliceStage.getScene().getRoot().lookup("#username") != null);
      showRegisterForm(aliceStage);
      robot.clickOn(in(aliceStage, "#username")).write("ralice");
      robot.clickOn(in(aliceStage, "#password")).write("Passw0rdOK");
      robot.clickOn(in(aliceStage, "#confirm")).write("Passw0rdOK");
      robot.clickOn(in(aliceStage, "#submit"));
      waitFor("main", () -> aliceStage.getScene().getRoot().lookup("#conversations") != null);
      bobClient.addContact("ralice").get(20, TimeUnit.SECONDS); // for the delivered receipt
      robot.clickOn(in(aliceStage, "#add-contact-name")).write("rbob");
      robot.clickOn(in(aliceStage, "#add-contact"));
      waitFor(
          "conversation open",
          () -> "rbob".equals(((Label) in(aliceStage, "#conversation-title")).getText()));

      own.close();
      Label status = (Label) in(aliceStage, "#status");
      waitFor("reconnecting shown", () -> status.getText().contains("reconnecting"));
      robot
          .clickOn(in(aliceStage, "#message-input"))
          .write("written while offline")
          .type(KeyCode.ENTER);
      ListView<ChatMessage> msgs = messagesIn(aliceStage);
      waitFor(
          "queued bubble",
          () -> msgs.getItems().stream().anyMatch(m -> m.state() == DeliveryState.SENDING));

      own = ParleyServer.start(serverConfig(data, port));
      waitFor("connected again", () -> status.getText().equals("Connected"));
      waitFor(
          "delivered after the server came back",
          () -> msgs.getItems().stream().anyMatch(m -> m.state() == DeliveryState.DELIVERED));
    } finally {
      own.close();
    }
  }

  private static ServerConfig serverConfig(Path data, int port) {
    return TestServer.config(data).port(port).name("Restartable").build();
  }
}
