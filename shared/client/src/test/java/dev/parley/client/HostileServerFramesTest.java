package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.client.TestUser.Problem;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.api.MalformedServerFrameException;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.testing.Eventually;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client reads what the server sends as strictly as the server reads what clients send. A
 * hostile server (a scripted man in the middle holding the pinned certificate) sends malformed
 * frames of every event and answer type: each is a clear error (a logged warning for an event, a
 * {@link MalformedServerFrameException} for the request it answers), never a {@code
 * NullPointerException} or {@code ClassCastException}, and the client carries on.
 */
class HostileServerFramesTest extends BehindHostileServerTest {
  // Held strongly: java.util.logging keeps loggers only weakly.
  private static final Logger CLIENT_LOG = Logger.getLogger("dev.parley.client");

  final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  final Handler recorder =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  TestUser alice;
  TestUser bob;

  @BeforeEach
  void start() throws Exception {
    alice = user("alice").register();
    bob = user("bob").register();
    TestUser.await(alice.client.addContact("bob"));
    TestUser.await(bob.client.addContact("alice"));
    CLIENT_LOG.addHandler(recorder);
  }

  @AfterEach
  void stop() {
    CLIENT_LOG.removeHandler(recorder);
  }

  private static JsonObject frame(String type, Object... fields) {
    JsonObject f = new JsonObject();
    if (type != null) {
      f.addProperty("type", type);
    }
    for (int i = 0; i < fields.length; i += 2) {
      Object v = fields[i + 1];
      String k = (String) fields[i];
      if (v instanceof String s) {
        f.addProperty(k, s);
      } else if (v instanceof Number n) {
        f.addProperty(k, n);
      } else if (v instanceof Boolean b) {
        f.addProperty(k, b);
      } else {
        f.add(k, (com.google.gson.JsonElement) v);
      }
    }
    return f;
  }

  private static JsonObject object(String key, String value) {
    JsonObject o = new JsonObject();
    o.addProperty(key, value);
    return o;
  }

  /** Answers (frames with {@code re}) that match {@code p} are rewritten by {@code change}. */
  private void tamperWithAnswers(
      java.util.function.Predicate<JsonObject> p, UnaryOperator<JsonObject> change) {
    mitm.rewriteToClients(f -> f.has("re") && p.test(f) ? change.apply(f) : f);
  }

  /** A log record that names the broken rule, not a runtime exception from reading blindly. */
  private static boolean clear(LogRecord r) {
    Throwable t = r.getThrown();
    return t == null
        || t instanceof ProtocolException
        || t instanceof MalformedServerFrameException;
  }

  @Test
  void malformedEventsOfEveryTypeAreLoggedClearlyAndTheClientCarriesOn() throws Exception {
    alice.send("bob", "hello bob");
    assertThat(bob.received().text()).isEqualTo("hello bob");
    HostileServer.Link link = mitm.link("alice");
    List<JsonObject> malformed =
        List.of(
            frame("message", "from", "bob", "msgId", "m-1", "envelope", "AAAA"),
            frame("message", "from", 42, "msgId", "m-2", "envelope", "AAAA", "sentAt", 1),
            frame("receipt", "to", "bob", "msgId", "x", "rid", "one"),
            frame("presence", "user", "bob"),
            frame("presence", "user", "bob", "online", "yes"),
            frame("typing", "from", "bob", "envelope", new JsonArray()),
            frame("keys_low", "remaining", -1),
            frame("error", "code", object("nested", "x"), "message", "boom"),
            frame("error", "code", "session_replaced"),
            frame(null, "from", "bob"));
    for (JsonObject f : malformed) {
      link.inject(f);
    }

    // A message after them arrives: every malformed frame was handled before it, and survived.
    bob.send("alice", "still here");
    assertThat(alice.received().text()).isEqualTo("still here");

    assertThat(alice.client.state()).isEqualTo(ConnectionState.ONLINE);
    assertThat(alice.client.user())
        .as("a malformed error did not end the session")
        .isEqualTo("alice");
    List<String> warnings =
        logged.stream()
            .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
            .map(r -> r.getMessage())
            .toList();
    for (String type : List.of("message", "receipt", "presence", "typing", "keys_low", "error")) {
      assertThat(warnings)
          .as("a clear warning about the malformed " + type + " events")
          .anyMatch(w -> w.contains("malformed " + type + " event"));
    }
    assertThat(warnings).anyMatch(w -> w.contains("malformed event without a type"));
    assertThat(logged)
        .as("no malformed frame ends in a runtime exception")
        .allMatch(HostileServerFramesTest::clear);
  }

  @Test
  void aMalformedAnswerFailsItsRequestWithAClearErrorAndTheClientCarriesOn() throws Exception {
    TestUser carol = user("carol").register();

    tamperWithAnswers(f -> f.has("contact"), f -> frame("ok", "re", f.get("re"), "contact", "x"));
    assertThatThrownBy(() -> TestUser.await(alice.client.addContact("carol")))
        .cause()
        .isInstanceOf(MalformedServerFrameException.class)
        .hasMessageContaining("add_contact");

    tamperWithAnswers(
        f -> f.get("type").getAsString().equals("error"),
        f -> frame("error", "re", f.get("re"), "code", "unknown_user", "message", new JsonArray()));
    assertThatThrownBy(() -> TestUser.await(alice.client.addContact("nobody")))
        .cause()
        .isInstanceOf(MalformedServerFrameException.class)
        .hasMessageContaining("add_contact");

    tamperWithAnswers(
        f -> f.has("duplicate"), f -> frame("ok", "re", f.get("re"), "msgId", 7, "sentAt", -1));
    ChatMessage m = alice.send("bob", "is this sent?");
    assertThat(bob.received().text()).isEqualTo("is this sent?");
    // The relay answers the sender once the recipient acknowledged, so the ok may still be on its
    // way when bob has the message: honest answers come back only once alice has read the bad one.
    Eventually.await(
        "alice read the malformed answer to her send",
        TestUser.WAIT,
        () ->
            logged.stream()
                .anyMatch(r -> String.valueOf(r.getMessage()).contains("answer to send")));
    mitm.rewriteToClients(f -> f);
    assertThat(alice.history("bob"))
        .as("a send whose answer was malformed is not marked sent")
        .filteredOn(h -> h.msgId().equals(m.msgId()))
        .singleElement()
        .satisfies(h -> assertThat(h.state()).isIn(DeliveryState.SENDING, DeliveryState.DELIVERED));

    assertThat(TestUser.await(alice.client.addContact("carol")).name())
        .as("the client carries on")
        .isEqualTo("carol");
    assertThat(logged)
        .as("no malformed frame ends in a runtime exception")
        .allMatch(HostileServerFramesTest::clear);
    carol.close();
  }

  @Test
  void malformedAnswersDuringLoginAreClearErrorsAndTheSessionNeverComesOnlineOnThem()
      throws Exception {
    // The login itself completes once the server accepted it; what the session start then gets
    // malformed is reported, keeps the session from coming online, and is retried on a new
    // connection until the answers are sound again, without a new login.
    TestUser.await(alice.client.logout());
    tamperWithAnswers(
        f -> f.has("oneTimePreKeys"),
        f -> frame("ok", "re", f.get("re"), "oneTimePreKeys", "many"));
    assertMalformedAnswerKeepsTheSessionOffline("publish_keys");

    JsonArray contacts = new JsonArray();
    contacts.add(object("user", "bob"));
    tamperWithAnswers(
        f -> f.has("contacts"), f -> frame("ok", "re", f.get("re"), "contacts", contacts));
    assertMalformedAnswerKeepsTheSessionOffline("list_contacts");

    TestUser.await(alice.client.logout());
    tamperWithAnswers(
        f -> f.has("user") && !f.has("contact"),
        f -> frame("ok", "re", f.get("re"), "user", "Not A Name"));
    assertThatThrownBy(alice::login)
        .cause()
        .isInstanceOf(MalformedServerFrameException.class)
        .hasMessageContaining("login");

    mitm.rewriteToClients(f -> f);
    TestUser.await(alice.client.logout());
    alice.login();
    assertThat(alice.client.state()).isEqualTo(ConnectionState.ONLINE);
  }

  /** Logs alice in while an answer of the session start is malformed (naming {@code request}). */
  private void assertMalformedAnswerKeepsTheSessionOffline(String request) throws Exception {
    TestUser.await(alice.client.logout());
    alice.events.clear();
    TestUser.await(alice.client.login(alice.name, TestUser.PASSWORD.toCharArray()));
    for (int attempt = 0; attempt < 2; attempt++) {
      Object first =
          alice.next(Object.class, e -> e == ConnectionState.ONLINE || e instanceof Problem);
      assertThat(first).as("attempt %d", attempt).isInstanceOf(Problem.class);
      assertThat(((Problem) first).text())
          .contains("malformed")
          .contains(request)
          .endsWith(". Trying again.");
    }
    assertThat(alice.client.state()).isNotEqualTo(ConnectionState.ONLINE);
    mitm.rewriteToClients(f -> f);
    alice.awaitOnline();
    assertThat(alice.client.user()).isEqualTo("alice");
  }

  @Test
  void aMalformedServerHelloFailsTheConnectionWithAClearError() {
    mitm.rewriteToClients(
        f ->
            f.get("type").getAsString().equals("hello") && !f.has("re")
                ? frame("hello", "version", "one", "software", "evil")
                : f);
    TestUser dave = new TestUser("dave", dir.resolve("clients").resolve("dave"));
    users.add(dave);

    assertThatThrownBy(() -> dave.connect(mitm.port(), server.fingerprint()))
        .cause()
        .isInstanceOf(MalformedServerFrameException.class)
        .hasMessageContaining("hello");
    assertThat(dave.client.state()).isEqualTo(ConnectionState.DISCONNECTED);
  }
}
