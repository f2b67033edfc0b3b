package dev.parley.server.it;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh real server per test, and raw clients that are closed afterwards. */
abstract class ServerTestBase {
  @TempDir Path dir;
  ParleyServer server;
  final List<RawClient> clients = new ArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stopServer() {
    clients.forEach(RawClient::close);
    server.close();
  }

  /** A TLS connection to the server (server hello already read). */
  RawClient connect() throws Exception {
    RawClient c = new RawClient(server.port());
    clients.add(c);
    return c;
  }

  /** A TLS connection from another loopback address, e.g. {@code 127.0.0.2}. */
  RawClient connectFrom(String localAddress) throws Exception {
    RawClient c = new RawClient(server.port(), "TLSv1.3", localAddress);
    clients.add(c);
    return c;
  }

  /** The error code of an answer, asserting that it is an error. */
  static String code(com.google.gson.JsonObject answer) {
    org.assertj.core.api.Assertions.assertThat(answer.get("type").getAsString())
        .as("answer %s", answer)
        .isEqualTo("error");
    return answer.get("code").getAsString();
  }
}
