package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerInfo;
import dev.parley.client.api.ServerTrustException;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account is the server's identity (its certificate), not its address: the same server through
 * another address, or after it moved to another address, is one account with one identity and its
 * history, without a trust prompt, and its contacts see no key change.
 */
class ServerIdentityTest {
  @TempDir Path dir;
  final List<ParleyServer> servers = new ArrayList<>();
  final List<TestUser> users = new ArrayList<>();

  ParleyServer start(String data, int port, String name) throws Exception {
    ParleyServer s = TestServer.start(dir.resolve(data), b -> b.port(port).name(name));
    servers.add(s);
    return s;
  }

  TestUser user(String name) {
    TestUser u = new TestUser(name, dir.resolve("clients").resolve(name));
    users.add(u);
    return u;
  }

  /** Closes {@code u}'s client (its files stay) and returns a new one on the same folder. */
  TestUser restart(TestUser u) {
    u.close();
    users.remove(u);
    return user(u.name);
  }

  @AfterEach
  void stop() {
    users.forEach(TestUser::close);
    servers.forEach(ParleyServer::close);
  }

  /** Connects without accepting anything: a trust question fails the test. */
  static ServerInfo connectUntold(TestUser u, ServerAddress to) {
    return TestUser.await(u.client.connect(to));
  }

  static void assertNoKeyChangeSeen(TestUser contact, String peer) {
    assertThat(contact.events).noneMatch(e -> e instanceof TestUser.IdentityChanged);
    assertThat(contact.history(peer)).noneMatch(m -> m.kind() == ChatMessage.Kind.IDENTITY_CHANGED);
  }

  @Test
  void theSameServerThroughAnotherAddressIsTheSameAccount() throws Exception {
    ParleyServer server = start("server", 0, "Office");
    TestUser alice = user("alice").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob").connect(server.port(), server.fingerprint()).register();
    TestUser.await(bob.client.addContact("alice"));
    alice.send("bob", "one");
    bob.received();
    bob.send("alice", "two");
    alice.received();
    IdentityPublicKey identity = alice.client.identity();
    alice.close();
    users.remove(alice);
    bob.send("alice", "while you were away");

    // The host's name instead of 127.0.0.1: the same certificate, so the same server.
    TestUser again = user("alice");
    ServerInfo info = connectUntold(again, new ServerAddress("localhost", server.port()));
    assertThat(info.localAccounts()).containsExactly("alice");
    assertThat(info.name()).isEqualTo("Office");
    again.login();
    assertThat(again.client.identity()).isEqualTo(identity);
    assertThat(again.received().text()).isEqualTo("while you were away");
    assertThat(again.history("bob"))
        .extracting(ChatMessage::text)
        .containsExactly("one", "two", "while you were away");
    again.send("bob", "three");
    assertThat(bob.received().text()).isEqualTo("three");
    assertNoKeyChangeSeen(bob, "alice");
    assertThat(again.client.knownServers().server(server.fingerprint()).orElseThrow().addresses())
        .containsExactly(
            new ServerAddress("localhost", server.port()),
            new ServerAddress("127.0.0.1", server.port()));
    try (var folders = Files.list(dir.resolve("clients/alice/accounts"))) {
      assertThat(folders).hasSize(1);
    }
  }

  @Test
  void aServerThatMovedToAnotherAddressKeepsItsAccountsAndWhatWaitedToGo() throws Exception {
    ParleyServer server = start("server", 0, "Office");
    TestUser alice = user("alice").connect(server.port(), server.fingerprint()).register();
    TestUser bob = user("bob").connect(server.port(), server.fingerprint()).register();
    TestUser.await(bob.client.addContact("alice"));
    TestUser.await(alice.client.addContact("bob"));
    alice.send("bob", "before the move");
    bob.received();
    IdentityPublicKey identity = alice.client.identity();
    bob.close();
    users.remove(bob);
    // Bob writes to Alice, who then writes while the server is gone: both wait.
    server.close();
    servers.remove(server);
    alice.next(ConnectionState.class, s -> s == ConnectionState.RECONNECTING);
    String waiting = alice.send("bob", "written while the server was away").msgId();
    alice = restart(alice);

    // The server comes back elsewhere (a new address after DHCP; here: another port), same data.
    ParleyServer moved = start("server", 0, "Office");
    assertThat(moved.fingerprint()).isEqualTo(server.fingerprint());
    ServerAddress there = new ServerAddress("127.0.0.1", moved.port());
    TestUser bobAgain = user("bob");
    connectUntold(bobAgain, there);
    bobAgain.login();
    ServerInfo info = connectUntold(alice, there);
    assertThat(info.localAccounts()).containsExactly("alice");
    alice.login();
    assertThat(alice.client.identity()).isEqualTo(identity);
    ChatMessage arrived = bobAgain.received();
    assertThat(arrived.text()).isEqualTo("written while the server was away");
    assertThat(arrived.msgId()).isEqualTo(waiting);
    assertThat(alice.history("bob"))
        .extracting(ChatMessage::text)
        .containsExactly("before the move", "written while the server was away");
    assertNoKeyChangeSeen(bobAgain, "alice");
  }

  @Test
  void anAddressNowHoldingAnotherKnownServerIsThatServerAndAnUnknownOneIsAFullStop()
      throws Exception {
    ParleyServer a = start("server-a", 0, "Server A");
    ParleyServer b = start("server-b", 0, "Server B");
    int x = a.port();
    String fpA = a.fingerprint();
    String fpB = b.fingerprint();
    TestUser alice = user("alice");
    alice.client.trustServer(new ServerAddress("127.0.0.1", x), fpA);
    alice.client.trustServer(new ServerAddress("127.0.0.1", b.port()), fpB);
    a.close();
    b.close();
    servers.clear();

    // DHCP gave A's address to B: it is B, trusted without a question, under B's name.
    start("server-b", x, "Server B");
    ServerAddress at = new ServerAddress("127.0.0.1", x);
    ServerInfo info = connectUntold(alice, at);
    assertThat(info.fingerprint()).isEqualTo(fpB);
    assertThat(info.name()).isEqualTo("Server B");
    assertThat(alice.client.knownServers().pinned(at)).contains(fpB);
    TestUser.await(alice.client.logout());
    servers.forEach(ParleyServer::close);
    servers.clear();

    // A certificate nobody knows at that address is the changed-certificate warning, naming B.
    ParleyServer stranger = start("server-c", x, "Server B");
    assertThatThrownBy(() -> connectUntold(alice, at))
        .isInstanceOfSatisfying(
            CompletionException.class,
            e -> {
              ServerTrustException t = (ServerTrustException) e.getCause();
              assertThat(t.changed()).isTrue();
              assertThat(t.pinned()).isEqualTo(fpB);
              assertThat(t.presented()).isEqualTo(stranger.fingerprint());
            });
    assertThat(alice.client.knownServers().pinned(at)).contains(fpB);
  }

  @Test
  void aReconnectNeverLogsTheOpenAccountInToAnotherKnownServerFoundAtItsAddress() throws Exception {
    ParleyServer a = start("server-a", 0, "Server A");
    ParleyServer b = start("server-b", 0, "Server B");
    int x = a.port();
    // Alice has an account on both servers, with the same password.
    TestUser alice = user("alice").connect(b.port(), b.fingerprint()).register();
    TestUser.await(alice.client.logout());
    alice.connect(x, a.fingerprint()).register();
    alice.next(ConnectionState.class, s -> s == ConnectionState.ONLINE);
    a.close();
    b.close();
    servers.clear();
    alice.next(ConnectionState.class, s -> s == ConnectionState.RECONNECTING);

    List<ConnectionState> after = new CopyOnWriteArrayList<>();
    alice.client.addListener(
        new ClientListener() {
          @Override
          public void connectionChanged(ConnectionState state) {
            after.add(state);
          }
        });

    // B, known, turns up at A's address: the account open is A's, so it is not logged in there.
    start("server-b", x, "Server B");
    alice.next(ConnectionState.class, s -> s == ConnectionState.DISCONNECTED);
    assertThat(alice.client.user()).isNull();
    assertThat(after).doesNotContain(ConnectionState.ONLINE);
  }
}
