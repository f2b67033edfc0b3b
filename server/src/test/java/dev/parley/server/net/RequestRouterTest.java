package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.protocol.frame.Answer;
import dev.parley.protocol.frame.ContactsOk;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.Frame;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.HelloOk;
import dev.parley.protocol.frame.ReceivedFrame;
import dev.parley.protocol.frame.UserOk;
import dev.parley.server.accounts.PasswordHasher;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.limits.RemoteAddress;
import dev.parley.server.relay.RelayEngine;
import dev.parley.server.session.Caller;
import dev.parley.server.session.SessionRegistry;
import dev.parley.server.store.Database;
import dev.parley.server.store.ServerStore;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router over the real services and a real database, without a network. */
class RequestRouterTest {
  private static final List<String> LOGGED_IN_ONLY =
      List.of(
          FrameType.LOGOUT,
          FrameType.CHANGE_PASSWORD,
          FrameType.PUBLISH_KEYS,
          FrameType.FETCH_BUNDLE,
          FrameType.ADD_CONTACT,
          FrameType.REMOVE_CONTACT,
          FrameType.LIST_CONTACTS,
          FrameType.SEND,
          FrameType.ACK,
          FrameType.ACK_RECEIPT,
          FrameType.TYPING);

  @TempDir Path dir;
  private Database db;
  private PasswordHasher hasher;
  private RequestRouter router;

  @BeforeEach
  void wire() throws Exception {
    ServerConfig config = TestServer.config(dir).build();
    db = Database.open(dir.resolve("router.db"));
    hasher = new PasswordHasher(4, 1, 8);
    ServerStore store = ServerStore.create(db, config);
    SessionRegistry registry = new SessionRegistry();
    router =
        Services.create(
                config,
                store,
                RelayEngine.start(store, registry, config.relayWindow()),
                hasher,
                registry)
            .router();
  }

  @AfterEach
  void close() {
    hasher.close();
    db.close();
  }

  @Test
  void everyRequestOfASessionNeedsALoginBeforeAnyFieldIsRead() {
    FakeCaller caller = new FakeCaller(null);
    for (String type : LOGGED_IN_ONLY) {
      // No fields at all: the login check comes first.
      assertThatThrownBy(() -> router.route(caller, received(type, "1", frame(type))))
          .as(type)
          .isInstanceOfSatisfying(
              ProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_LOGGED_IN));
    }
    assertThat(caller.sent).isEmpty();
    assertThat(caller.answers).isEmpty();
  }

  @Test
  void anUnknownTypeIsABadRequest() {
    assertThatThrownBy(
            () -> router.route(new FakeCaller("alice"), received("teleport", "1", frame("x"))))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
              assertThat(e.getMessage()).isEqualTo("Unknown frame type 'teleport'.");
            });
  }

  @Test
  void pingIsAnsweredWithAPongThatNamesItsIdIfItHadOne() throws Exception {
    FakeCaller caller = new FakeCaller(null);
    router.route(caller, received(FrameType.PING, "p1", frame(FrameType.PING)));
    router.route(caller, received(FrameType.PING, null, frame(FrameType.PING)));
    assertThat(caller.sent).hasSize(2);
    assertThat(FrameCodec.encode(caller.sent.get(0)))
        .isEqualTo("{\"type\":\"pong\",\"re\":\"p1\"}");
    assertThat(FrameCodec.encode(caller.sent.get(1))).isEqualTo("{\"type\":\"pong\"}");
  }

  @Test
  void helloIsAcceptedOnceAndAnotherVersionClosesTheConnection() throws Exception {
    FakeCaller caller = new FakeCaller(null);
    JsonObject hello = frame(FrameType.HELLO);
    hello.addProperty("version", ProtocolInfo.VERSION);
    router.route(caller, received(FrameType.HELLO, "h", hello));
    assertThat(caller.helloDone()).isTrue();
    assertThat(answer(caller, 0)).isEqualTo(new HelloOk("h", ProtocolInfo.VERSION));
    assertThatThrownBy(() -> router.route(caller, received(FrameType.HELLO, "h2", hello)))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("hello was already sent.");

    FakeCaller other = new FakeCaller(null);
    JsonObject future = frame(FrameType.HELLO);
    future.addProperty("version", ProtocolInfo.VERSION + 1);
    router.route(other, received(FrameType.HELLO, "h", future));
    assertThat(other.closedWith).isNotNull();
    assertThat(other.closedWith.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    assertThat(other.helloDone()).isFalse();
  }

  @Test
  void aSessionRequestReachesItsServiceAndIsAnswered() throws Exception {
    FakeCaller alice = new FakeCaller("alice");
    router.route(alice, received(FrameType.LIST_CONTACTS, "l", frame(FrameType.LIST_CONTACTS)));
    assertThat(answer(alice, 0)).isEqualTo(new ContactsOk("l", List.of()));

    JsonObject self = frame(FrameType.ADD_CONTACT);
    self.addProperty("user", "Alice");
    assertThatThrownBy(() -> router.route(alice, received(FrameType.ADD_CONTACT, "a", self)))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("You cannot add yourself.");

    JsonObject typing = frame(FrameType.TYPING);
    typing.addProperty("to", "bob");
    typing.addProperty("envelope", "AAEC");
    router.route(alice, received(FrameType.TYPING, "t", typing));
    assertThat(answer(alice, 1)).isEqualTo(new EmptyOk("t"));
  }

  @Test
  void aRegistrationIsAnsweredThenStartsTheSessionAndOneCheckAtATimeIsAllowed() throws Exception {
    FakeCaller caller = new FakeCaller(null);
    JsonObject register = frame(FrameType.REGISTER);
    register.addProperty("username", "Dana");
    register.addProperty("password", TestServer.PASSWORD);
    router.route(caller, received(FrameType.REGISTER, "r1", register));
    boolean checking = caller.authInFlight();
    // While it is checked, another login or registration of this connection is refused.
    if (checking) {
      assertThatThrownBy(() -> router.route(caller, received(FrameType.LOGIN, "l1", register)))
          .isInstanceOf(ProtocolException.class)
          .hasMessage("A login or password change is already in progress.");
    }
    Eventually.await("the answer", Duration.ofSeconds(10), () -> !caller.answers.isEmpty());
    assertThat(answer(caller, 0)).isEqualTo(new UserOk("r1", "dana"));
    Eventually.await("the session started", Duration.ofSeconds(10), () -> caller.session != null);
    assertThat(caller.session).isEqualTo("dana");
    assertThat(caller.authInFlight()).isFalse();
  }

  @Test
  void registrationStateIsCheckedBeforeAnyFieldIsRead() {
    FakeCaller caller = new FakeCaller("alice");
    // No username, no password: already_logged_in wins.
    assertThatThrownBy(
            () -> router.route(caller, received(FrameType.REGISTER, "r", frame("register"))))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_LOGGED_IN));
  }

  private static JsonObject frame(String type) {
    JsonObject f = new JsonObject();
    f.addProperty("type", type);
    return f;
  }

  private static ReceivedFrame received(String type, String id, JsonObject json) {
    return new ReceivedFrame(type, id, json);
  }

  private static Answer answer(FakeCaller caller, int index) throws Exception {
    return caller.answers.get(index).get(10, TimeUnit.SECONDS);
  }

  /** A connection that records what the router does with it. */
  private static final class FakeCaller implements Caller {
    // The account requests answer from the hashing and database threads.
    final List<Frame> sent = Collections.synchronizedList(new ArrayList<>());
    final List<CompletableFuture<? extends Answer>> answers =
        Collections.synchronizedList(new ArrayList<>());
    volatile ProtocolException closedWith;
    private final String user;
    private volatile boolean hello;
    private volatile int version;
    private volatile boolean auth;
    volatile String session;

    FakeCaller(String user) {
      this.user = user;
    }

    @Override
    public String user() {
      return user;
    }

    @Override
    public RemoteAddress origin() {
      return RemoteAddress.UNKNOWN;
    }

    @Override
    public String remote() {
      return "test";
    }

    @Override
    public boolean helloDone() {
      return hello;
    }

    @Override
    public void markHelloDone(int version) {
      hello = true;
      this.version = version;
    }

    @Override
    public int version() {
      return version;
    }

    @Override
    public boolean authInFlight() {
      return auth;
    }

    @Override
    public void setAuthInFlight(boolean inFlight) {
      auth = inFlight;
    }

    @Override
    public void respond(String id, CompletableFuture<? extends Answer> answer) {
      answers.add(answer);
    }

    @Override
    public void send(Frame frame) {
      sent.add(frame);
    }

    @Override
    public void closeWithError(String re, ProtocolException e) {
      closedWith = e;
    }

    @Override
    public void onLoop(Runnable r) {
      r.run();
    }

    @Override
    public boolean isActive() {
      return true;
    }

    @Override
    public void beginSession(String name) {
      // Only once the answer was given: the ok precedes the session's events.
      assertThat(answers).isNotEmpty();
      assertThat(answers.get(answers.size() - 1)).isDone();
      session = name;
    }

    @Override
    public void endSession() {
      throw new AssertionError("no session ends in these tests");
    }
  }
}
