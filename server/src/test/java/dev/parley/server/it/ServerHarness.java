package dev.parley.server.it;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Starts real servers on an ephemeral loopback port with fast test settings. */
final class ServerHarness {
  static final String PASSWORD = "Passw0rdOK";

  private ServerHarness() {}

  static ServerConfig.Builder config(Path dir) {
    return ServerConfig.builder(dir)
        .bindAddress("127.0.0.1")
        .port(0)
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

  static ParleyServer start(Path dir) throws Exception {
    return ParleyServer.start(config(dir).build());
  }

  static ParleyServer start(Path dir, UnaryOperator<ServerConfig.Builder> tweak) throws Exception {
    return ParleyServer.start(tweak.apply(config(dir)).build());
  }
}
