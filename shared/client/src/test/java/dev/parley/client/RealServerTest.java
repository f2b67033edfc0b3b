package dev.parley.client;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.DeliveryState;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration tests of the client core against a real server ({@link TestServer}: real TLS, real
 * SQLite) with clients whose data folders live in a temporary folder; everything is closed after
 * each test.
 */
abstract class RealServerTest {
  @TempDir Path dir;
  ParleyServer server;
  final List<TestUser> users = new ArrayList<>();

  /** Starts (or restarts, on the same data) the server with the test settings and {@code tweak}. */
  ParleyServer startServer(UnaryOperator<ServerConfig.Builder> tweak) throws Exception {
    server = TestServer.start(dir.resolve("server"), tweak);
    return server;
  }

  /** A client of {@code name}, connected to the server; closed after the test. */
  TestUser user(String name) {
    TestUser u = new TestUser(name, dir.resolve("clients").resolve(name));
    users.add(u);
    return u.connect(server.port(), server.fingerprint());
  }

  /** Closes {@code u} now (its data stays for another client on the same folder). */
  void closeUser(TestUser u) {
    u.close();
    users.remove(u);
  }

  @AfterEach
  void closeServerAndUsers() {
    users.forEach(TestUser::close);
    if (server != null) {
      server.close();
    }
  }

  /** What the server holds undelivered for {@code user} (at most 10,000). */
  List<QueuedMessage> pending(String user) {
    return server.relay().pending(user, 0, 10_000).join();
  }

  /** True once the server holds nothing undelivered for {@code user}. */
  boolean nothingPending(String user) {
    return server.relay().pending(user, 0, 1).join().isEmpty();
  }

  /**
   * Has {@code from} write {@code count} numbered texts to {@code to} without waiting between them
   * and returns them once the server stored the last one.
   */
  static List<String> sendNumbered(TestUser from, String to, int count) {
    List<String> texts = new ArrayList<>();
    List<CompletableFuture<ChatMessage>> sends = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add(String.format("message %04d", i));
      sends.add(from.client.send(to, texts.get(i)));
    }
    sends.forEach(TestUser::await);
    from.awaitState(TestUser.await(sends.get(count - 1)).msgId(), DeliveryState.SENT);
    return texts;
  }
}
