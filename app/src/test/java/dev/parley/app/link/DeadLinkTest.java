package dev.parley.app.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.chat.ConversationItem;
import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.api.ServerAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A link that silently stops carrying data (the host lost its address) is noticed by the client's
 * own ping within its deadline; the app says so, keeps what is written, and sends it once the link
 * is back. Log out works while the link is dead (issue 13, item 3).
 */
class DeadLinkTest extends FxTestSupport {
  private TcpProxy proxy;

  @AfterEach
  void closeProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** An app where {@code name} registered through a proxy to the test server. */
  private Stage throughProxy(String name, Duration pingAfter, Duration deadline) throws Exception {
    proxy = new TcpProxy(server.port());
    ServerAddress via = new ServerAddress("127.0.0.1", proxy.port());
    AppWindow w =
        openApp(
            name,
            c -> c.withKeepAlive(pingAfter, deadline).withMaxReconnectDelay(Duration.ofSeconds(1)));
    w.app().client().trustServer(via, server.fingerprint());
    Stage stage = w.stage();
    robot.clickOn(in(stage, "#server-address")).write(via.toString()).type(KeyCode.ENTER);
    waitFor("auth form", () -> stage.getScene().getRoot().lookup("#username") != null);
    registerThroughForm(stage, name);
    return stage;
  }

  private String status(Stage stage) {
    return ((Label) in(stage, "#status")).getText();
  }

  @SuppressWarnings("unchecked")
  private ConversationItem bobIn(Stage stage) {
    ListView<ConversationItem> list = (ListView<ConversationItem>) in(stage, "#conversations");
    return list.getItems().stream().filter(c -> c.peer().equals("bob")).findFirst().orElse(null);
  }

  @Test
  void aDeadLinkShowsReconnectingAndTheQueuedMessageGoesOnceItIsBack() throws Exception {
    Stage alice = throughProxy("alice", Duration.ofSeconds(1), Duration.ofSeconds(2));
    BlockingQueue<ChatMessage> bobInbox = new LinkedBlockingQueue<>();
    ParleyClient bob = otherUser("bob", bobInbox);
    bob.addContact("alice").get(10, TimeUnit.SECONDS);
    robot.clickOn(in(alice, "#add-contact-name")).write("bob");
    robot.clickOn(in(alice, "#add-contact"));
    waitFor("bob online", () -> bobIn(alice) != null && bobIn(alice).online());
    assertThat(status(alice)).isEqualTo("Connected");

    proxy.blackHole();
    // Noticed within ping-after + deadline (3 s here); waitFor allows 20 s.
    waitFor("reconnecting shown", () -> status(alice).toLowerCase().contains("reconnecting"));
    assertThat(apps().get(0).client().state()).isEqualTo(ConnectionState.RECONNECTING);
    waitFor("bob's dot not green any more", () -> !bobIn(alice).online());

    robot.clickOn(in(alice, "#message-input")).write("Still there?").type(KeyCode.ENTER);
    ListView<ChatMessage> messages = messagesIn(alice);
    waitFor(
        "queued",
        () ->
            messages.getItems().stream()
                .anyMatch(
                    m -> m.text().equals("Still there?") && m.state() == DeliveryState.SENDING));
    assertThat(bobInbox).isEmpty();

    proxy.forward();
    ChatMessage got = bobInbox.poll(30, TimeUnit.SECONDS);
    assertThat(got).as("the queued message arrives").isNotNull();
    assertThat(got.text()).isEqualTo("Still there?");
    waitFor("connected again", () -> status(alice).equals("Connected"));
    waitFor("bob online again", () -> bobIn(alice).online());
  }

  @Test
  void logOutWorksAtOnceOnALinkThatIsDeadButNotYetNoticed() throws Exception {
    // A keep-alive far longer than the wait below: only an offline log out passes.
    Stage alice = throughProxy("leaver", Duration.ofMinutes(5), Duration.ofMinutes(5));
    proxy.blackHole();
    robot.clickOn(in(alice, "#logout"));
    waitFor("connect screen", () -> alice.getScene().getRoot().lookup("#server-address") != null);
    assertThat(apps().get(0).client().user()).isNull();
    assertThat(apps().get(0).client().state()).isEqualTo(ConnectionState.DISCONNECTED);
  }
}
