package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.Contact;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerErrorException;
import dev.parley.client.api.ServerTrustException;
import dev.parley.crypto.SafetyNumber;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCoreTest {
  @TempDir Path dir;
  ParleyServer server;
  final List<TestUser> users = new ArrayList<>();

  ParleyServer startServer(Path data, int port) throws Exception {
    server = TestServer.start(data, b -> b.port(port).name("Client test"));
    return server;
  }

  TestUser user(String name, String device) {
    TestUser u = new TestUser(name, dir.resolve("clients").resolve(name + "-" + device));
    users.add(u);
    return u;
  }

  @AfterEach
  void stop() {
    users.forEach(TestUser::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void firstMessageToAnOfflineContactThenBothDirectionsWithDeliveryStates() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    // Receipts (delivered and read) go only to people the recipient added.
    TestUser.await(bob.client.addContact("alice"));
    TestUser.await(bob.client.logout());
    TestUser.await(alice.client.addContact("bob"));

    ChatMessage hello = alice.send("bob", "Hi Bob, are you there?");
    alice.awaitState(hello.msgId(), DeliveryState.SENT);

    TestUser.await(bob.client.connect(new ServerAddress("127.0.0.1", server.port())));
    bob.login();
    ChatMessage got = bob.received();
    assertThat(got.text()).isEqualTo("Hi Bob, are you there?");
    assertThat(got.peer()).isEqualTo("alice");
    alice.awaitState(hello.msgId(), DeliveryState.DELIVERED);
    assertThat(TestUser.await(bob.client.conversations()).get(0).unread()).isEqualTo(1);

    TestUser.await(bob.client.markRead("alice"));
    alice.awaitState(hello.msgId(), DeliveryState.READ);
    assertThat(TestUser.await(bob.client.conversations()).get(0).unread()).isZero();

    bob.send("alice", "Yes! Hello Alice.");
    assertThat(alice.received().text()).isEqualTo("Yes! Hello Alice.");
    for (int i = 0; i < 5; i++) {
      alice.send("bob", "burst " + i);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(bob.received().text()).isEqualTo("burst " + i);
    }
    assertThat(alice.history("bob")).extracting(ChatMessage::text).contains("Yes! Hello Alice.");
  }

  @Test
  void theLongestMessageAllowedIsDeliveredAndALongerOneIsRefusedBeforeItIsStored()
      throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser.await(bob.client.addContact("alice")); // for the delivered receipt
    // Control characters are the worst case: each takes six bytes once escaped in the payload.
    String longest = longestAllowed("\u0001");
    assertThat(ParleyClient.tooLong(longest)).isEmpty();
    ChatMessage sent = alice.send("bob", longest);
    assertThat(bob.received().text()).isEqualTo(longest);
    alice.awaitState(sent.msgId(), DeliveryState.DELIVERED);
    String emoji = longestAllowed("\uD83D\uDE00");
    alice.send("bob", emoji);
    assertThat(bob.received().text()).isEqualTo(emoji);

    String tooLong = longest + "\u0001";
    assertThat(ParleyClient.tooLong(tooLong)).get().asString().contains("too long");
    assertThatThrownBy(() -> TestUser.await(alice.client.send("bob", tooLong)))
        .hasMessageContaining("too long");
    assertThat(alice.history("bob")).hasSize(2);
  }

  /** The longest text of repeated {@code unit} that still fits one message. */
  private static String longestAllowed(String unit) {
    StringBuilder b = new StringBuilder();
    while (ParleyClient.tooLong(b + unit).isEmpty()) {
      b.append(unit);
    }
    return b.toString();
  }

  @Test
  void typingNoticesArriveEncrypted() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    alice.send("bob", "hello");
    bob.received();
    alice.client.typing("bob");
    assertThat(bob.next(TestUser.Typing.class, t -> true).who()).isEqualTo("alice");
  }

  @Test
  void restartingAClientContinuesWithoutANewKeyExchangeAndKeepsHistory() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    alice.send("bob", "one");
    bob.received();
    bob.send("alice", "two");
    alice.received();
    int alicePrekeys = TestUser.await(server.store().prekeyCount("alice"));
    int bobPrekeys = TestUser.await(server.store().prekeyCount("bob"));
    alice.close();
    users.remove(alice);

    TestUser again = user("alice", "laptop").connect(server.port(), server.fingerprint()).login();
    assertThat(again.history("bob")).extracting(ChatMessage::text).containsExactly("one", "two");
    again.send("bob", "three");
    assertThat(bob.received().text()).isEqualTo("three");
    bob.send("alice", "four");
    assertThat(again.received().text()).isEqualTo("four");
    assertThat(TestUser.await(server.store().prekeyCount("alice"))).isEqualTo(alicePrekeys);
    assertThat(TestUser.await(server.store().prekeyCount("bob"))).isEqualTo(bobPrekeys);
  }

  @Test
  void aServerRestartMidConversationDeliversEverythingOnceInOrder() throws Exception {
    startServer(dir.resolve("server"), 0);
    int port = server.port();
    TestUser alice = user("alice", "laptop").connect(port, server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(port, server.fingerprint()).register();
    TestUser.await(bob.client.addContact("alice")); // for the delivered receipts
    alice.send("bob", "before");
    assertThat(bob.received().text()).isEqualTo("before");

    server.close();
    alice.next(ConnectionState.class, s -> s == ConnectionState.RECONNECTING);
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      written.add(alice.send("bob", "while down " + i).msgId());
    }
    startServer(dir.resolve("server"), port);
    alice.next(ConnectionState.class, s -> s == ConnectionState.ONLINE);
    for (int i = 0; i < 10; i++) {
      assertThat(bob.received().text()).isEqualTo("while down " + i);
    }
    alice.awaitState(written.get(9), DeliveryState.DELIVERED);
    assertThat(bob.history("alice"))
        .extracting(ChatMessage::text)
        .filteredOn(t -> t.startsWith("while down"))
        .hasSize(10);
  }

  @Test
  void aChangedServerCertificateIsRefusedUntilAccepted() throws Exception {
    startServer(dir.resolve("server-a"), 0);
    int port = server.port();
    String first = server.fingerprint();
    TestUser alice = user("alice", "laptop");
    ServerAddress where = new ServerAddress("127.0.0.1", port);
    assertThatThrownBy(() -> TestUser.await(alice.client.connect(where)))
        .isInstanceOfSatisfying(
            CompletionException.class,
            e -> {
              ServerTrustException t = (ServerTrustException) e.getCause();
              assertThat(t.changed()).isFalse();
              assertThat(t.presented()).isEqualTo(first);
            });
    alice.client.trustServer(where, first);
    TestUser.await(alice.client.connect(where));
    server.close();

    startServer(dir.resolve("server-b"), port);
    String second = server.fingerprint();
    assertThatThrownBy(() -> TestUser.await(alice.client.connect(where)))
        .isInstanceOfSatisfying(
            CompletionException.class,
            e -> {
              ServerTrustException t = (ServerTrustException) e.getCause();
              assertThat(t.changed()).isTrue();
              assertThat(t.pinned()).isEqualTo(first);
              assertThat(t.presented()).isEqualTo(second);
            });
    alice.client.trustServer(where, second);
    TestUser.await(alice.client.connect(where));
    alice.register();
  }

  @Test
  void aContactOnANewDeviceIsAnnouncedAndMessagesStillFlow() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser.await(bob.client.addContact("alice")); // kept by the server for bob's new device
    alice.send("bob", "hi");
    bob.received();
    SafetyNumber before = TestUser.await(alice.client.safetyNumber("bob"));
    TestUser.await(alice.client.setVerified("bob", before, true));
    bob.close();
    users.remove(bob);

    TestUser bobPhone = user("bob", "phone").connect(server.port(), server.fingerprint()).login();
    bobPhone.send("alice", "new phone, same bob");
    // The notice comes first, then the message that revealed the new identity.
    assertThat(alice.next(TestUser.IdentityChanged.class, e -> true).who()).isEqualTo("bob");
    assertThat(alice.received().text()).isEqualTo("new phone, same bob");
    assertThat(alice.history("bob")).anyMatch(m -> m.kind() == ChatMessage.Kind.IDENTITY_CHANGED);
    assertThat(TestUser.await(alice.client.contacts()))
        .filteredOn(c -> c.name().equals("bob"))
        .allMatch(c -> !c.verified());
    assertThat(TestUser.await(alice.client.safetyNumber("bob"))).isNotEqualTo(before);
    // Bob was verified: what Alice writes now waits until she accepts the new safety number.
    ChatMessage held = alice.send("bob", "welcome back");
    assertThat(TestUser.await(alice.client.contacts()))
        .filteredOn(c -> c.name().equals("bob"))
        .singleElement()
        .satisfies(c -> assertThat(c.safetyNumberChanged()).isTrue());
    TestUser.await(
        alice.client.acceptSafetyNumber("bob", TestUser.await(alice.client.safetyNumber("bob"))));
    assertThat(bobPhone.received().text()).isEqualTo("welcome back");
    alice.awaitState(held.msgId(), DeliveryState.DELIVERED);
  }

  @Test
  void aMessageToTheOldDeviceTriggersASessionResetFromTheNewOne() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser.await(bob.client.addContact("alice"));
    alice.send("bob", "hi");
    bob.received();
    bob.close();
    users.remove(bob);
    TestUser bobPhone = user("bob", "phone").connect(server.port(), server.fingerprint()).login();
    // Alice still writes to the old device's session: the phone cannot read it...
    alice.send("bob", "lost on the way");
    bobPhone.next(ChatMessage.class, m -> m.kind() == ChatMessage.Kind.UNDECRYPTABLE);
    // ...so the phone starts a session, Alice is told, and her next message arrives.
    assertThat(alice.next(TestUser.IdentityChanged.class, e -> true).who()).isEqualTo("bob");
    alice.send("bob", "and now?");
    assertThat(bobPhone.received().text()).isEqualTo("and now?");
  }

  @Test
  void safetyNumbersMatchOnBothSides() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    alice.send("bob", "hi");
    bob.received();
    assertThat(TestUser.await(alice.client.safetyNumber("bob")))
        .isEqualTo(TestUser.await(bob.client.safetyNumber("alice")));
  }

  @Test
  void noMessageTextOrPasswordOnDiskAndReceiptsAreOpaqueToTheServer() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    alice.send("bob", "the secret plan is pancakes");
    bob.received();
    bob.send("alice", "pancakes approved by bob");
    alice.received();
    // Alice goes offline; Bob's read receipt waits for her on the server.
    alice.close();
    users.remove(alice);
    TestUser.await(bob.client.markRead("alice"));
    bob.close();
    users.remove(bob);
    server.close();
    server = null;

    for (Path f : files(dir.resolve("clients"))) {
      String raw = Files.readString(f, StandardCharsets.ISO_8859_1);
      assertThat(raw).as(f.toString()).doesNotContain("pancakes").doesNotContain(TestUser.PASSWORD);
    }
    for (Path f : files(dir.resolve("server"))) {
      String raw = Files.readString(f, StandardCharsets.ISO_8859_1);
      assertThat(raw)
          .as(f.toString())
          .doesNotContain("pancakes")
          .doesNotContain("\"k\":\"read\"")
          .doesNotContain("\"k\":\"typing\"")
          .doesNotContain(TestUser.PASSWORD);
    }
    assertThat(files(dir.resolve("clients"))).anyMatch(p -> p.toString().endsWith("account.db"));
  }

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void accountErrorsAreTyped() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice = user("alice", "laptop").connect(server.port(), server.fingerprint());
    assertThatThrownBy(() -> TestUser.await(alice.client.register("alice", "weak".toCharArray())))
        .hasCauseInstanceOf(ServerErrorException.class)
        .satisfies(
            e ->
                assertThat(((ServerErrorException) e.getCause()).rules())
                    .contains("too_short", "no_uppercase", "no_digit"));
    alice.register();
    TestUser.await(alice.client.logout());
    assertThatThrownBy(
            () -> TestUser.await(alice.client.login("alice", "Wrong1pass".toCharArray())))
        .hasCauseInstanceOf(ServerErrorException.class)
        .satisfies(
            e ->
                assertThat(((ServerErrorException) e.getCause()).code())
                    .isEqualTo(dev.parley.protocol.ErrorCode.BAD_CREDENTIALS));
    assertThatThrownBy(
            () ->
                TestUser.await(
                    alice
                        .client
                        .login("alice", TestUser.PASSWORD.toCharArray())
                        .thenCompose(v -> alice.client.addContact("nobody"))))
        .hasCauseInstanceOf(ServerErrorException.class);
    TestUser.await(
        alice.client.changePassword(TestUser.PASSWORD.toCharArray(), "N3wPassword".toCharArray()));
    TestUser.await(alice.client.logout());
    TestUser.await(alice.client.login("alice", "N3wPassword".toCharArray()));
    alice.awaitOnline();
  }

  @Test
  void aSendTheServerRateLimitsGoesOnceItMayWithoutAReconnect() throws Exception {
    server = TestServer.start(dir.resolve("server"), b -> b.bundleFetchRate(60, 1));
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser carol =
        user("carol", "laptop").connect(server.port(), server.fingerprint()).register();
    alice.send("bob", "first bundle");
    assertThat(bob.received().text()).isEqualTo("first bundle");
    // The second new conversation needs a bundle too soon: rate_limited, retried when allowed.
    ChatMessage m = alice.send("carol", "second bundle");
    alice.awaitState(m.msgId(), DeliveryState.SENT);
    assertThat(carol.received().text()).isEqualTo("second bundle");
  }

  @Test
  void readReceiptsGoOnlyToPeopleTheReaderAdded() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    ChatMessage hello = alice.send("bob", "hello stranger");
    assertThat(bob.received().text()).isEqualTo("hello stranger");
    TestUser.await(bob.client.markRead("alice"));
    ChatMessage second = alice.send("bob", "still there?");
    assertThat(bob.received().text()).isEqualTo("still there?");
    assertThat(alice.history("bob"))
        .filteredOn(m -> m.msgId().equals(hello.msgId()))
        .singleElement()
        .satisfies(m -> assertThat(m.state()).isNotEqualTo(DeliveryState.READ));
    // Once Bob adds Alice, reading tells her.
    TestUser.await(bob.client.addContact("alice"));
    TestUser.await(bob.client.markRead("alice"));
    alice.awaitState(second.msgId(), DeliveryState.READ);
  }

  @Test
  void readReceiptsStopWhenTheReaderRemovesTheSender() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser.await(bob.client.addContact("alice"));
    alice.send("bob", "hi");
    assertThat(bob.received().text()).isEqualTo("hi");
    // Bob no longer wants Alice to know anything about him.
    TestUser.await(bob.client.removeContact("alice"));
    ChatMessage after = alice.send("bob", "are you reading this?");
    assertThat(bob.received().text()).isEqualTo("are you reading this?");
    TestUser.await(bob.client.markRead("alice"));
    // Anything Bob's markRead sent reaches Alice before this.
    bob.send("alice", "marker");
    assertThat(alice.received().text()).isEqualTo("marker");
    assertThat(alice.history("bob"))
        .filteredOn(m -> m.msgId().equals(after.msgId()))
        .singleElement()
        .satisfies(m -> assertThat(m.state()).isNotEqualTo(DeliveryState.READ));
  }

  @Test
  void presenceOfContacts() throws Exception {
    startServer(dir.resolve("server"), 0);
    TestUser alice =
        user("alice", "laptop").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob", "laptop").connect(server.port(), server.fingerprint()).register();
    // Presence is mutual: only once both have added each other does either see the other.
    Contact one = TestUser.await(bob.client.addContact("alice"));
    assertThat(one.online()).isFalse();
    assertThat(one.mutual()).as("alice has not added bob yet").isFalse();
    Contact c = TestUser.await(alice.client.addContact("Bob"));
    assertThat(c.name()).isEqualTo("bob");
    assertThat(c.online()).isTrue();
    assertThat(c.mutual()).isTrue();
    assertThat(bob.next(TestUser.Presence.class, p -> p.who().equals("alice")).online()).isTrue();
    TestUser.await(bob.client.logout());
    assertThat(alice.next(TestUser.Presence.class, p -> p.who().equals("bob") && !p.online()))
        .isNotNull();
    assertThat(TestUser.await(alice.client.contacts()))
        .containsExactly(new Contact("bob", false, false, false, true, true));
  }
}
