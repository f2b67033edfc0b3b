package dev.parley.client;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of the client core behind a scripted man in the middle ({@link HostileServer}) that holds
 * the real server's certificate, in front of a real server on a real SQLite file.
 */
abstract class BehindHostileServerTest {
  @TempDir Path dir;
  ParleyServer server;
  HostileServer mitm;
  final List<TestUser> users = new ArrayList<>();

  @BeforeEach
  void startServerAndProxy() throws Exception {
    Path data = dir.resolve("server");
    server = TestServer.start(data);
    mitm = new HostileServer(data, server.port());
  }

  /** A client of {@code name}, connected through the proxy; closed after the test. */
  TestUser user(String name) {
    TestUser u = new TestUser(name, dir.resolve("clients").resolve(name));
    users.add(u);
    return u.connect(mitm.port(), server.fingerprint());
  }

  @AfterEach
  void closeUsersProxyAndServer() {
    users.forEach(TestUser::close);
    mitm.close();
    server.close();
  }
}
