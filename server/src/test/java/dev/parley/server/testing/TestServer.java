package dev.parley.server.testing;

import dev.parley.server.ParleyServer;
import dev.parley.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Real servers for tests: an ephemeral loopback port, real TLS and a real SQLite file in the given
 * folder, with fast settings. The one way every test starts a server; exported in the server's
 * test-jar for the other modules' tests.
 */
public final class TestServer {
  /** A password every test account can use: it meets the policy. */
  public static final String PASSWORD = "Passw0rdOK";

  private TestServer() {}

  /** The production defaults, but on an ephemeral port of 127.0.0.1 (for tests of the limits). */
  public static ServerConfig.Builder loopback(Path dir) {
    return ServerConfig.builder(dir).bindAddress("127.0.0.1").port(0);
  }

  /** The test settings: cheap bcrypt, and limits that many clients from 127.0.0.1 stay under. */
  public static ServerConfig.Builder config(Path dir) {
    return loopback(dir)
        .name("Test server")
        .bcryptCost(4)
        // Every test client connects from 127.0.0.1; some tests create many accounts.
        .registrationsPerAddress(1_000)
        .loginTimeout(Duration.ofSeconds(20))
        .idleTimeout(Duration.ofSeconds(30))
        // Tests open dozens of connections from 127.0.0.1 at once (login storms and the like);
        // ConnectionSlotsTest sets the per-address bound it tests.
        .maxAnonymousPerAddress(1_000)
        // Login storms from 127.0.0.1 again; HashingBudgetTest sets the budgets it tests.
        .hashRatePerAddress(100_000, 100_000)
        .hashRatePerAccount(100_000, 100_000);
  }

  /** A server with the test settings, listening. */
  public static ParleyServer start(Path dir) throws Exception {
    return ParleyServer.start(config(dir).build());
  }

  /** A server with the test settings as changed by {@code tweak}, listening. */
  public static ParleyServer start(Path dir, UnaryOperator<ServerConfig.Builder> tweak)
      throws Exception {
    return ParleyServer.start(tweak.apply(config(dir)).build());
  }
}
