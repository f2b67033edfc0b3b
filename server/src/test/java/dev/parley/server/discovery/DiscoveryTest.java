package dev.parley.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.discovery.LanInterfaces;
import dev.parley.client.discovery.LanServer;
import dev.parley.client.discovery.LanServerBrowser;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server announced over mDNS is found by the browser, and disappears when withdrawn. */
class DiscoveryTest {
  static final String FP =
      "E2:AC:FD:A1:4E:1B:87:5F:F6:03:4F:15:31:09:5E:BA:99:4B:13:63:4C:5F:9E:F9:30:A2:B6:64:26:74:39:48";
  static InetAddress loopback;

  /** Runs the test on loopback with multicast on; skips (saying why) only where it cannot work. */
  @BeforeAll
  static void multicastOnLoopback() throws Exception {
    loopback = InetAddress.getByName("127.0.0.1");
    try {
      // CI runs as root on Linux: make sure loopback carries multicast (.ci/run does it too).
      new ProcessBuilder("ip", "link", "set", "lo", "multicast", "on")
          .redirectErrorStream(true)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (java.io.IOException noIpTool) {
      // fall through to the probe
    }
    Optional<String> problem = LanInterfaces.multicastProblem(loopback);
    Assumptions.assumeTrue(
        problem.isEmpty(), () -> "multicast does not work on loopback here: " + problem.get());
  }

  @Test
  void anAnnouncedServerIsFoundWithPortAndFingerprintThenDisappears() throws Exception {
    try (LanServerBrowser browser = LanServerBrowser.start(List.of(loopback))) {
      DiscoveryAnnouncer announcer =
          DiscoveryAnnouncer.announce("Test office", 45678, FP, List.of(loopback));
      assertThat(announcer.isAnnouncing()).isTrue();
      LanServer found = awaitServer(browser, true);
      assertThat(found.name()).isEqualTo("Test office");
      assertThat(found.port()).isEqualTo(45678);
      assertThat(found.fingerprint()).isEqualTo(FP);
      assertThat(found.version()).isEqualTo(1);
      assertThat(found.hosts()).contains("127.0.0.1");
      announcer.close();
      awaitServer(browser, false);
    }
  }

  private static LanServer awaitServer(LanServerBrowser browser, boolean present)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Optional<LanServer> s =
          browser.snapshot().stream()
              .filter(x -> x.port() == 45678 && (!present || x.fingerprint() != null))
              .findFirst();
      if (s.isPresent() == present) {
        return s.orElse(null);
      }
      Thread.sleep(100);
    }
    throw new AssertionError(present ? "server never appeared" : "server never disappeared");
  }
}
