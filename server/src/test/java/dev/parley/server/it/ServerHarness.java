package dev.parley.server.it;

import dev.parley.server.testing.TestServer;

/**
 * The test password under its old name, for the client module's tests in this package until they
 * move to {@link TestServer} (the server's own tests use it directly).
 */
final class ServerHarness {
  static final String PASSWORD = TestServer.PASSWORD;

  private ServerHarness() {}
}
