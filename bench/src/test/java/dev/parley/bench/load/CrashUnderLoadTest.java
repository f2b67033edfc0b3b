package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process is killed (no shutdown of any kind) while clients message each other through
 * the client core, then restarted on the same data: every message arrives exactly once, in order.
 */
class CrashUnderLoadTest {
  private static final ServerSettings SETTINGS =
      new ServerSettings(4, 1_000, 1_000_000, "256m", List.of());

  @TempDir Path data;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void everyAcknowledgedMessageArrivesExactlyOnceAfterAKillAndRestart() throws Exception {
    ServerProcess first = ServerProcess.start(SETTINGS, data, false);
    int port = first.port();
    RelaySettings shape = new RelaySettings(3, 120, 64, 8);
    try (Target target = Target.of(first, 1);
        EncryptedRelay relay = EncryptedRelay.prepare(target, shape)) {
      CompletableFuture<RelayResult> result =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return relay.measure();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (relay.delivered() < 150 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(relay.delivered()).as("traffic before the crash").isGreaterThanOrEqualTo(150);
      first.kill();
      ServerProcess second = ServerProcess.start(SETTINGS, data, false, port);
      target.replaceProcess(second);

      RelayResult r = result.get(3, TimeUnit.MINUTES);
      long expected = 2L * shape.pairs() * shape.messages();
      assertThat(r.acknowledged()).isEqualTo(expected);
      assertThat(r.delivered()).isEqualTo(expected);
      assertThat(r.duplicated()).isZero();
      assertThat(r.reordered()).isZero();
      assertThat(r.lost()).isZero();
    }
  }
}
