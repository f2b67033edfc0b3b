package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.AppController;
import dev.parley.app.ParleyApp;
import dev.parley.client.ClientConfig;
import dev.parley.client.DeliveryState;
import dev.parley.client.ParleyClient;
import dev.parley.client.ServerAddress;
import dev.parley.server.EmbeddedServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real views against a real server: register, add a contact, chat both ways. */
class ChatFlowTest {
  @TempDir static Path dir;
  static EmbeddedServer server;
  final FxRobot robot = new FxRobot();
  Stage aliceStage;
  AppController alice;
  ParleyClient bobClient;
  Preferences prefsA;

  @BeforeAll
  static void startServer() throws Exception {
    FxToolkit.registerPrimaryStage();
    server =
        EmbeddedServer.start(
            ServerConfig.builder(dir.resolve("server"))
                .bindAddress("127.0.0.1")
                .port(0)
                .bcryptCost(4)
                .name("UI test server")
                .build());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @AfterEach
  void closeWindows() throws Exception {
    FxToolkit.cleanupStages();
    if (alice != null) {
      alice.close();
    }
    if (bobClient != null) {
      bobClient.close();
    }
    prefsA.removeNode();
  }

  private AppController open(String who, Preferences prefs) throws Exception {
    AppController[] out = new AppController[1];
    Stage[] stage = new Stage[1];
    FxToolkit.setupFixture(
        () -> {
          stage[0] = new Stage();
          out[0] =
              ParleyApp.show(
                  stage[0], prefs, ClientConfig.in(dir.resolve(who + "-" + UUID.randomUUID())));
          out[0].client().trustServer(address(), server.fingerprint());
          stage[0].setWidth(1000);
          stage[0].setHeight(760);
        });
    aliceStage = stage[0];
    return out[0];
  }

  static ServerAddress address() {
    return new ServerAddress("127.0.0.1", server.port());
  }

  private Node in(Stage stage, String id) {
    return robot.from(stage.getScene().getRoot()).lookup(id).query();
  }

  private void waitFor(String what, java.util.function.BooleanSupplier condition) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  @Test
  void registrationChecklistRefusesWeakPasswordsThenTwoUsersChat() throws Exception {
    prefsA = Preferences.userRoot().node("dev/parley/test/" + UUID.randomUUID());
    alice = open("alice", prefsA);

    // The register form's checklist follows typing; the button stays disabled until all hold.
    robot
        .clickOn(in(aliceStage, "#server-address"))
        .write(address().toString())
        .type(KeyCode.ENTER);
    waitFor("login form", () -> aliceStage.getScene().getRoot().lookup("#username") != null);
    robot.clickOn(in(aliceStage, "#switch-mode"));
    robot.clickOn(in(aliceStage, "#username")).write("alice");
    robot.clickOn(in(aliceStage, "#password")).write("short");
    Button submit = (Button) in(aliceStage, "#submit");
    assertThat(((Label) in(aliceStage, "#rule-too_short")).getStyleClass()).contains("rule-unmet");
    assertThat(((Label) in(aliceStage, "#rule-no_uppercase")).getStyleClass())
        .contains("rule-unmet");
    assertThat(((Label) in(aliceStage, "#rule-no_digit")).getStyleClass()).contains("rule-unmet");
    assertThat(submit.isDisabled()).isTrue();
    robot.clickOn(in(aliceStage, "#password")).eraseText(5).write("Passw0rdOK");
    assertThat(((Label) in(aliceStage, "#rule-too_short")).getStyleClass()).contains("rule-met");
    assertThat(((Label) in(aliceStage, "#rule-no_digit")).getStyleClass()).contains("rule-met");
    assertThat(submit.isDisabled()).as("confirmation still empty").isTrue();
    robot.clickOn(in(aliceStage, "#confirm")).write("Passw0rdOK");
    assertThat(submit.isDisabled()).isFalse();
    robot.clickOn(submit);
    waitFor("alice in", () -> aliceStage.getScene().getRoot().lookup("#conversations") != null);

    // Bob is a second user on the same server, driven through the client core.
    bobClient = new ParleyClient(ClientConfig.in(dir.resolve("bob-" + UUID.randomUUID())));
    java.util.concurrent.BlockingQueue<dev.parley.client.ChatMessage> bobInbox =
        new java.util.concurrent.LinkedBlockingQueue<>();
    bobClient.addListener(
        new dev.parley.client.ClientListener() {
          @Override
          public void messageAdded(dev.parley.client.ChatMessage m) {
            if (!m.outgoing()) {
              bobInbox.add(m);
            }
          }
        });
    bobClient.trustServer(address(), server.fingerprint());
    bobClient.connect(address()).get(20, TimeUnit.SECONDS);
    bobClient.register("bob", "B0bsPassword".toCharArray()).get(20, TimeUnit.SECONDS);

    // Alice adds Bob and writes; Enter sends.
    robot.clickOn(in(aliceStage, "#add-contact-name")).write("bob");
    robot.clickOn(in(aliceStage, "#add-contact"));
    waitFor(
        "conversation open",
        () -> "bob".equals(((Label) in(aliceStage, "#conversation-title")).getText()));
    robot.clickOn(in(aliceStage, "#message-input")).write("Hello Bob").type(KeyCode.ENTER);
    assertThat(bobInbox.poll(20, TimeUnit.SECONDS).text()).isEqualTo("Hello Bob");

    @SuppressWarnings("unchecked")
    ListView<dev.parley.client.ChatMessage> aliceMessages =
        (ListView<dev.parley.client.ChatMessage>) in(aliceStage, "#messages");
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
    prefsA = Preferences.userRoot().node("dev/parley/test/" + UUID.randomUUID());
    Path data = dir.resolve("restartable-" + UUID.randomUUID());
    EmbeddedServer own = EmbeddedServer.start(serverConfig(data, 0));
    int port = own.port();
    try {
      AppController[] out = new AppController[1];
      FxToolkit.setupFixture(
          () -> {
            aliceStage = new Stage();
            out[0] =
                ParleyApp.show(
                    aliceStage, prefsA, ClientConfig.in(dir.resolve("r-" + UUID.randomUUID())));
          });
      alice = out[0];
      ServerAddress where = new ServerAddress("127.0.0.1", port);
      alice.client().trustServer(where, own.fingerprint());
      bobClient = new ParleyClient(ClientConfig.in(dir.resolve("rb-" + UUID.randomUUID())));
      bobClient.trustServer(where, own.fingerprint());
      bobClient.connect(where).get(20, TimeUnit.SECONDS);
      bobClient.register("rbob", "B0bsPassword".toCharArray()).get(20, TimeUnit.SECONDS);

      robot.clickOn(in(aliceStage, "#server-address")).write(where.toString()).type(KeyCode.ENTER);
      waitFor("login form", () -> aliceStage.getScene().getRoot().lookup("#username") != null);
      robot.clickOn(in(aliceStage, "#switch-mode"));
      robot.clickOn(in(aliceStage, "#username")).write("ralice");
      robot.clickOn(in(aliceStage, "#password")).write("Passw0rdOK");
      robot.clickOn(in(aliceStage, "#confirm")).write("Passw0rdOK");
      robot.clickOn(in(aliceStage, "#submit"));
      waitFor("main", () -> aliceStage.getScene().getRoot().lookup("#conversations") != null);
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
      @SuppressWarnings("unchecked")
      ListView<dev.parley.client.ChatMessage> msgs =
          (ListView<dev.parley.client.ChatMessage>) in(aliceStage, "#messages");
      waitFor(
          "queued bubble",
          () -> msgs.getItems().stream().anyMatch(m -> m.state() == DeliveryState.SENDING));

      own = EmbeddedServer.start(serverConfig(data, port));
      waitFor("connected again", () -> status.getText().equals("Connected"));
      waitFor(
          "delivered after the server came back",
          () -> msgs.getItems().stream().anyMatch(m -> m.state() == DeliveryState.DELIVERED));
    } finally {
      own.close();
    }
  }

  private static ServerConfig serverConfig(Path data, int port) {
    return ServerConfig.builder(data)
        .bindAddress("127.0.0.1")
        .port(port)
        .bcryptCost(4)
        .name("Restartable")
        .build();
  }
}
