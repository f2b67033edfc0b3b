package dev.parley.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.discovery.LanServer;
import dev.parley.client.discovery.LanServerBrowser;
import dev.parley.platform.LanInterfaces;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.jmdns.JmDNS;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A server announced over mDNS is found by the browser, and disappears when withdrawn. */
@Tag("lan")
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
          DiscoveryAnnouncer.start(
              "Test office", 45678, FP, () -> List.of(loopback), Duration.ofMillis(200));
      LanServer found = awaitServer(browser, true);
      assertThat(found.name()).isEqualTo("Test office");
      assertThat(found.port()).isEqualTo(45678);
      assertThat(found.fingerprint()).isEqualTo(FP);
      assertThat(found.version()).isEqualTo(dev.parley.protocol.ProtocolInfo.VERSION);
      assertThat(found.hosts()).contains("127.0.0.1");
      assertThat(announcer.isAnnouncing()).isTrue();
      announcer.close();
      awaitServer(browser, false);
    }
  }

  /**
   * A laptop's address changes: the test gives the loopback interface a real second address
   * (127.0.0.2, removed again afterwards, so no packet leaves this computer) and the address source
   * (the seam production fills from {@link LanInterfaces#suitableAddresses()}) moves from 127.0.0.1
   * to it. The real responders and the real browser must follow: announced on the new address, the
   * old one withdrawn. Then the address is taken off the interface under its responder.
   */
  @Test
  void anAddressChangeIsAnnouncedAndTheGoneAddressWithdrawn() throws Exception {
    InetAddress second = InetAddress.getByName("127.0.0.2");
    Assumptions.assumeTrue(
        ip("addr", "add", "127.0.0.2/8", "dev", "lo"),
        "cannot add 127.0.0.2 to the loopback interface here (needs root and iproute2)");
    AtomicReference<List<InetAddress>> now = new AtomicReference<>(List.of(loopback));
    try (LanServerBrowser browser = LanServerBrowser.start(List.of(loopback));
        DiscoveryAnnouncer announcer =
            DiscoveryAnnouncer.start("Test office", 45678, FP, now::get, Duration.ofMillis(200))) {
      awaitHosts(browser, List.of("127.0.0.1"));
      now.set(List.of(second));
      awaitHosts(browser, List.of("127.0.0.2"));
      assertThat(announcer.announcedOn()).containsExactly(second);
      ip("addr", "del", "127.0.0.2/8", "dev", "lo");
      now.set(List.of(loopback));
      awaitHosts(browser, List.of("127.0.0.1"));
      assertThat(announcer.announcedOn()).containsExactly(loopback);
    } finally {
      ip("addr", "del", "127.0.0.2/8", "dev", "lo");
    }
  }

  private static boolean ip(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException noIpTool) {
      return false;
    }
  }

  /**
   * A responder JmDNS gave up on (after "Could not recover we are Down!" it is closed) is rebuilt;
   * a failing interface list is logged once, not on every poll, and the announcer carries on.
   */
  @Test
  void aDeadResponderIsRebuiltAndAFailureIsLoggedOnceNotOnEveryPoll() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    Logger log = Logger.getLogger(DiscoveryAnnouncer.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(capture);
    try (LanServerBrowser browser = LanServerBrowser.start(List.of(loopback));
        DiscoveryAnnouncer announcer =
            DiscoveryAnnouncer.start(
                "Test office",
                45678,
                FP,
                () -> {
                  polls.incrementAndGet();
                  RuntimeException e = failure.get();
                  if (e != null) {
                    throw e;
                  }
                  return List.of(loopback);
                },
                Duration.ofMillis(100))) {
      awaitServer(browser, true);
      JmDNS first = announcer.responderOn(loopback);
      first.close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (announcer.responderOn(loopback) == null || announcer.responderOn(loopback) == first) {
        assertThat(System.nanoTime()).as("the responder was rebuilt").isLessThan(deadline);
        Thread.sleep(50);
      }
      // The closed responder's goodbye packets may reach a running browser after the new
      // responder's first announcements; a browser that asks now must find the rebuilt one.
      try (LanServerBrowser later = LanServerBrowser.start(List.of(loopback))) {
        awaitServer(later, true);
      }
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).getMessage()).contains("127.0.0.1", "announcing there again");

      warnings.clear();
      failure.set(new java.io.UncheckedIOException(new java.io.IOException("netlink: busy")));
      int before = polls.get();
      while (polls.get() < before + 10) {
        Thread.sleep(50);
      }
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).getMessage()).contains("cannot read the network interfaces");
      // The announcement stays while the list cannot be read.
      assertThat(announcer.announcedOn()).containsExactly(loopback);
      failure.set(null);
      before = polls.get();
      while (polls.get() < before + 3) {
        Thread.sleep(50);
      }
      assertThat(warnings).hasSize(1);
    } finally {
      log.removeHandler(capture);
    }
  }

  private static void awaitHosts(LanServerBrowser browser, List<String> hosts)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (browser.snapshot().stream().anyMatch(x -> x.port() == 45678 && x.hosts().equals(hosts))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("never announced on " + hosts + ": " + browser.snapshot());
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
