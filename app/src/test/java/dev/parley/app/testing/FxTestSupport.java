package dev.parley.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.AppNavigator;
import dev.parley.app.ParleyApp;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ServerAddress;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the app's TestFX tests share: one real server per test class on a loopback port, app windows
 * with their own settings and data, second users driven through the client core, and lookups and
 * waits.
 */
public abstract class FxTestSupport {
  /** The password every test user gets. */
  public static final String PASSWORD = "Passw0rdOK";

  @TempDir protected static Path dir;
  protected static ParleyServer server;
  protected final FxRobot robot = new FxRobot();
  private final List<AppNavigator> apps = new ArrayList<>();
  private final List<ParleyClient> others = new ArrayList<>();
  private final List<Preferences> prefs = new ArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    FxToolkit.registerPrimaryStage();
    server =
        TestServer.start(dir.resolve("server-" + UUID.randomUUID()), b -> b.name("UI test server"));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @AfterEach
  void closeEverything() throws Exception {
    FxToolkit.cleanupStages();
    for (AppNavigator app : apps) {
      app.close().get(60, TimeUnit.SECONDS);
    }
    others.forEach(ParleyClient::close);
    for (Preferences p : prefs) {
      p.removeNode();
    }
    apps.clear();
    others.clear();
    prefs.clear();
  }

  /** The test server's address. */
  protected static ServerAddress address() {
    return new ServerAddress("127.0.0.1", server.port());
  }

  /** Fresh settings, removed after the test. */
  protected Preferences freshPrefs() {
    Preferences p = Preferences.userRoot().node("dev/parley/test/" + UUID.randomUUID());
    prefs.add(p);
    return p;
  }

  /** Closes {@code app} after the test. */
  protected AppNavigator track(AppNavigator app) {
    apps.add(app);
    return app;
  }

  /** Closes {@code client} after the test. */
  protected ParleyClient track(ParleyClient client) {
    others.add(client);
    return client;
  }

  /** The app windows opened in this test, in order. */
  protected List<AppNavigator> apps() {
    return apps;
  }

  /** An app window on the connect screen, trusting the test server. */
  protected AppWindow openApp(String who) throws Exception {
    return openApp(who, c -> c);
  }

  /** An app window whose client configuration {@code tweak} adjusts (keep-alive, backoff). */
  protected AppWindow openApp(String who, java.util.function.UnaryOperator<ClientConfig> tweak)
      throws Exception {
    AppNavigator[] out = new AppNavigator[1];
    Stage[] stage = new Stage[1];
    Preferences p = freshPrefs();
    FxToolkit.setupFixture(
        () -> {
          stage[0] = new Stage();
          out[0] =
              ParleyApp.show(
                  stage[0], p, tweak.apply(testConfig(dir.resolve(who + "-" + UUID.randomUUID()))));
          out[0].client().trustServer(address(), server.fingerprint());
          stage[0].setWidth(1000);
          stage[0].setHeight(760);
        });
    apps.add(out[0]);
    return new AppWindow(stage[0], out[0], p);
  }

  /** An app window where {@code name} registered through the forms and sees the main window. */
  protected AppWindow registeredApp(String name) throws Exception {
    AppWindow w = openApp(name);
    robot.clickOn(in(w.stage(), "#server-address")).write(address().toString()).type(KeyCode.ENTER);
    waitFor("login form", () -> w.stage().getScene().getRoot().lookup("#username") != null);
    registerThroughForm(w.stage(), name);
    return w;
  }

  /** Fills in and sends the Create account form shown in {@code stage}, then waits for the chat. */
  protected void registerThroughForm(Stage stage, String name) throws Exception {
    showRegisterForm(stage);
    robot.clickOn(in(stage, "#username")).write(name);
    robot.clickOn(in(stage, "#password")).write(PASSWORD);
    robot.clickOn(in(stage, "#confirm")).write(PASSWORD);
    robot.clickOn(in(stage, "#submit"));
    waitFor("main window", () -> stage.getScene().getRoot().lookup("#conversations") != null);
  }

  /**
   * Makes sure the auth form in {@code stage} is Create account (a device new to a server starts
   * there; one with an account there starts on Log in).
   */
  protected void showRegisterForm(Stage stage) {
    if (!"Create account".equals(((javafx.scene.control.Button) in(stage, "#submit")).getText())) {
      robot.clickOn(in(stage, "#switch-mode"));
    }
  }

  /** A second user on the test server, registered through the client core; {@code inbox} fills. */
  protected ParleyClient otherUser(String name, BlockingQueue<ChatMessage> inbox) throws Exception {
    ParleyClient c = new ParleyClient(testConfig(dir.resolve(name + "-" + UUID.randomUUID())));
    others.add(c);
    c.addListener(
        new ClientListener() {
          @Override
          public void messageAdded(ChatMessage m) {
            if (!m.outgoing()) {
              inbox.add(m);
            }
          }
        });
    c.trustServer(address(), server.fingerprint());
    c.connect(address()).get(20, TimeUnit.SECONDS);
    c.register(name, PASSWORD.toCharArray()).get(20, TimeUnit.SECONDS);
    return c;
  }

  /** A second user whose incoming messages are not watched. */
  protected ParleyClient otherUser(String name) throws Exception {
    return otherUser(name, new LinkedBlockingQueue<>());
  }

  /** The node {@code id} inside {@code stage}'s scene. */
  protected Node in(Stage stage, String id) {
    return robot.from(stage.getScene().getRoot()).lookup(id).query();
  }

  /** The message list inside {@code stage}. */
  @SuppressWarnings("unchecked")
  protected ListView<ChatMessage> messagesIn(Stage stage) {
    return (ListView<ChatMessage>) in(stage, "#messages");
  }

  /** Waits up to 20 s for {@code condition}, then asserts it. */
  protected void waitFor(String what, BooleanSupplier condition) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
    } catch (java.util.concurrent.TimeoutException e) {
      // reported by the assertion below
    }
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  /** An app window under test. */
  public record AppWindow(Stage stage, AppNavigator app, Preferences prefs) {}

  /** Adds {@code name} through "Add a contact" in {@code w} and waits for its conversation. */
  protected void addContact(AppWindow w, String name) throws Exception {
    robot
        .clickOn(in(w.stage(), "#add-contact-name"))
        .write(name)
        .type(javafx.scene.input.KeyCode.ENTER);
    waitFor("conversation with " + name, () -> name.equals(title(w.stage())));
  }

  /** The title of the conversation open in {@code stage}, or "" when none is. */
  protected String title(Stage stage) {
    return robot
        .from(stage.getScene().getRoot())
        .lookup("#conversation-title")
        .tryQueryAs(javafx.scene.control.Label.class)
        .map(javafx.scene.control.Label::getText)
        .orElse("");
  }

  /** The contacts list row of {@code peer} in {@code stage}, or null while none shows it. */
  @SuppressWarnings("unchecked")
  protected javafx.scene.control.ListCell<dev.parley.app.chat.ConversationItem> contactCell(
      Stage stage, String peer) {
    return robot
        .from(in(stage, "#conversations"))
        .lookup(".list-cell")
        .match(
            n ->
                ((javafx.scene.control.ListCell<dev.parley.app.chat.ConversationItem>) n).getItem()
                        != null
                    && ((javafx.scene.control.ListCell<dev.parley.app.chat.ConversationItem>) n)
                        .getItem()
                        .peer()
                        .equals(peer))
        .tryQuery()
        .map(n -> (javafx.scene.control.ListCell<dev.parley.app.chat.ConversationItem>) n)
        .orElse(null);
  }

  /**
   * Clicks {@code peer}'s row in the contacts list of {@code stage} once. The row is looked up and
   * measured in one go on the FX thread, right before the click: a row found earlier may have been
   * recycled or rebuilt by then (the list refreshes whenever a contact's state changes).
   */
  protected void clickContact(Stage stage, String peer) throws Exception {
    Point2D[] at = new Point2D[1];
    waitFor("a row for " + peer, () -> (at[0] = contactRowCentre(stage, peer)) != null);
    robot.clickOn(at[0]);
  }

  /** The centre on screen of {@code peer}'s row while it is shown, or null. */
  private Point2D contactRowCentre(Stage stage, String peer) {
    try {
      return WaitForAsyncUtils.asyncFx(
              () -> {
                javafx.scene.control.ListCell<dev.parley.app.chat.ConversationItem> cell =
                    contactCell(stage, peer);
                if (cell == null || cell.getScene() == null || !cell.isVisible()) {
                  return null;
                }
                Bounds b = cell.localToScreen(cell.getLayoutBounds());
                return b == null ? null : new Point2D(b.getCenterX(), b.getCenterY());
              })
          .get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("looking up the row of " + peer, e);
    }
  }

  /**
   * Waits until what {@code client} has told the app so far is shown, and {@code rounds - 1} rounds
   * of what the app asked it in response: each round a later request is answered (the client
   * handles requests and reports events in order), then the FX thread's queue drains.
   */
  protected static void waitForClientRounds(ParleyClient client, int rounds) throws Exception {
    for (int i = 0; i < rounds; i++) {
      client.contacts().get(20, TimeUnit.SECONDS);
      WaitForAsyncUtils.waitForFxEvents();
    }
  }

  /**
   * Waits until {@code scene} has been laid out {@code passes} times from now, so whatever the FX
   * thread had queued (a scroll, a cell measured late) has been drawn; a positive event to wait for
   * where a test checks that something does not move.
   */
  protected void waitForLayoutPasses(javafx.scene.Scene scene, int passes) throws Exception {
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    Runnable counter =
        () -> {
          if (done.incrementAndGet() < passes) {
            javafx.application.Platform.requestNextPulse();
          }
        };
    robot.interact(
        () -> {
          scene.addPostLayoutPulseListener(counter);
          javafx.application.Platform.requestNextPulse();
        });
    try {
      waitFor(passes + " layout passes", () -> done.get() >= passes);
    } finally {
      robot.interact(() -> scene.removePostLayoutPulseListener(counter));
    }
  }

  /**
   * A client configuration for these tests: real PBKDF2, but few iterations for the key store and
   * the credential (the defaults cost about half a second per user and step, minutes over the
   * suite). Every client of one test account must use it, as a real account's devices share one.
   */
  public static ClientConfig testConfig(java.nio.file.Path dir) {
    return new ClientConfig(dir, TEST_ITERATIONS, java.time.Duration.ofSeconds(30));
  }

  /** PBKDF2 iterations of {@link #testConfig}. */
  public static final int TEST_ITERATIONS = 10_000;
}
