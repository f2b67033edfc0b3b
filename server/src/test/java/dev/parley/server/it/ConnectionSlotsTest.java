package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections that have not logged in are bounded per address and in total, and the total leaves a
 * reserve of the connection limit that strangers cannot take. Every test connection comes from
 * 127.0.0.1, so "strangers" and users share an address here.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConnectionSlotsTest extends ServerTestBase {

  @Test
  void strangersFromOneAddressAreRefusedWhileSessionsGoOn() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("addr"), b -> b.maxAnonymousPerAddress(4));
    RawClient alice = connect().hello().register("alice", PASSWORD);
    RawClient bob = connect().hello().register("bob", PASSWORD);
    List<RawClient> strangers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      RawClient s = connect();
      assertThat(s.serverHello.get("type").getAsString()).isEqualTo("hello");
      strangers.add(s);
    }
    // Far beyond the bound: every further connection from here is turned away.
    for (int i = 0; i < 40; i++) {
      assertRefused(connect());
    }
    // The logged-in users are not counted against it and keep chatting.
    alice.ok("send", "to", "bob", "msgId", "during", "envelope", new byte[] {1});
    assertThat(bob.event("message").get("msgId").getAsString()).isEqualTo("during");
    assertThat(bob.call("ping").get("type").getAsString()).isEqualTo("pong");

    // Once the strangers leave, a newcomer gets in and can register.
    strangers.forEach(RawClient::close);
    RawClient carol = connectWhenFree();
    carol.hello().register("carol", PASSWORD);
    carol.ok("send", "to", "alice", "msgId", "after", "envelope", new byte[] {2});
    assertThat(alice.event("message").get("msgId").getAsString()).isEqualTo("after");
  }

  @Test
  void loggingInAndOutMovesAConnectionInAndOutOfTheBound() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("moves"), b -> b.maxAnonymousPerAddress(2));
    RawClient first = connect().hello();
    RawClient second = connect().hello();
    assertRefused(connect());
    // A login frees its slot for a stranger ...
    first.register("first", PASSWORD);
    RawClient third = connectWhenFree().hello();
    assertRefused(connect());
    // ... a logout takes one again (the address is now over its bound) ...
    first.ok("logout");
    assertRefused(connect());
    // ... and a closed connection gives its slot back, whether it was logged in or not.
    first.login("first", PASSWORD);
    assertRefused(connect());
    second.close();
    RawClient fourth = connectWhenFree().hello();
    first.close();
    assertRefused(connect());
    third.close();
    fourth.close();
    connectWhenFree().hello();
    connectWhenFree().hello();
  }

  @Test
  void notLoggedInConnectionsNeverTakeTheReserve() throws Exception {
    server.close();
    server =
        TestServer.start(
            dir.resolve("reserve"),
            b -> b.maxConnections(6).reservedConnections(2).maxAnonymousPerAddress(100));
    List<RawClient> anonymous = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      anonymous.add(connect().hello());
    }
    // Four of six slots taken, yet a fifth stranger is refused: two are kept for users.
    assertRefused(connect());
    // Logged-in users may use the reserve.
    anonymous.get(0).register("user0", PASSWORD);
    anonymous.set(0, connectWhenFree().hello());
    anonymous.get(1).register("user1", PASSWORD);
    anonymous.set(1, connectWhenFree().hello());
    // Six connections (two users, four strangers): now the total limit itself applies.
    assertRefused(connect());
    // A stranger would now fit the bound on not-logged-in connections, but the total is reached.
    anonymous.get(2).register("user2", PASSWORD);
    assertRefused(connect());
  }

  @Test
  void aConnectionThatLoggedOutMustLogInAgainWithinTheLoginTimeout() throws Exception {
    server.close();
    Duration loginTimeout = Duration.ofSeconds(1);
    server = TestServer.start(dir.resolve("again"), b -> b.loginTimeout(loginTimeout));
    RawClient c = connect().hello().register("again", PASSWORD);
    Thread.sleep(loginTimeout.toMillis() + 500); // logged in: the timer does not apply
    c.ok("logout");
    // Not logged in again, so it counts as a stranger's connection and is timed out like one.
    JsonObject timeout = c.next(f -> f.has("code"), Duration.ofSeconds(10));
    assertThat(timeout.get("code").getAsString()).isEqualTo("timeout");
    assertThat(timeout.has("re")).isFalse();
    assertThat(c.awaitClosed(Duration.ofSeconds(5))).isTrue();
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** A refused client gets {@code server_busy} instead of the server's hello, then a close. */
  private static void assertRefused(RawClient c) throws Exception {
    JsonObject hello = c.serverHello;
    assertThat(hello.get("type").getAsString()).as("refused: %s", hello).isEqualTo("error");
    assertThat(hello.get("code").getAsString()).isEqualTo("server_busy");
    assertThat(hello.has("re")).isFalse();
    assertThat(c.awaitClosed(Duration.ofSeconds(5))).isTrue();
  }

  /** Connects once the server has noticed that a slot was given back (closes are async). */
  private RawClient connectWhenFree() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      RawClient c = connect();
      if (c.serverHello.get("type").getAsString().equals("hello")) {
        return c;
      }
      c.close();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no slot came free: " + c.serverHello);
      }
      Thread.sleep(50);
    }
  }
}
