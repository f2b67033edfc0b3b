package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers that send but never read must not make the server produce (and keep) answers without bound:
 * the server stops reading them while they are not writable, closes them at once when their unsent
 * data passes the bound, closes them at the login or idle timeout whatever is pending, and cuts off
 * a peer that keeps sending far beyond its rate limit.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NonReadingPeersTest extends ServerTestBase {
  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(2);
  // docs/PROTOCOL.md: an error frame gets at most 2 s to leave before the connection is closed.
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
  // The login timeout plus the grace plus scheduling slack on a loaded 2-core machine.
  private static final Duration CUT_OFF = LOGIN_TIMEOUT.plus(CLOSE_GRACE).plusSeconds(3);
  private static final int SMALL_RECEIVE_BUFFER = 4096;
  // Login/logout cycles of the sink's contacts: 6,000 presence events of about 45 bytes.
  private static final int MAX_CYCLES = 3_000;

  @Test
  void aStrangerFloodingJunkWithoutReadingIsClosedAtTheLoginTimeout() throws Exception {
    server.close();
    // A rate limit it cannot reach: only the output bound and the login timer may stop it.
    server =
        TestServer.start(
            dir.resolve("junk"),
            b -> b.loginTimeout(LOGIN_TIMEOUT).requestRate(10_000_000, 10_000_000));
    SSLSocket socket = RawClient.tlsSocket(server.port(), SMALL_RECEIVE_BUFFER);
    socket.startHandshake();
    byte[] chunk = "x\n".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII); // 64 KiB
    long budget = 4L << 20; // megabytes of junk, each line worth an error frame
    AtomicLong sent = new AtomicLong();
    long start = System.nanoTime();
    Flood flood =
        Flood.start(
            "junk-flooder",
            socket,
            out -> {
              // Megabytes as fast as the server takes them, then a line now and then, so the
              // writer notices the close whatever the server did with the rest.
              out.write(sent.get() < budget ? chunk : "x\n".getBytes(StandardCharsets.US_ASCII));
              sent.addAndGet(chunk.length);
              if (sent.get() >= budget) {
                Thread.sleep(50);
              }
            },
            CUT_OFF.plusSeconds(10));
    flood.join();
    Duration elapsed = Duration.ofNanos(flood.endedAt() - start);
    System.out.printf(
        "NonReadingPeersTest: junk flooder cut off after %d ms (%s), %,d bytes offered%n",
        elapsed.toMillis(), flood.failure(), Math.min(sent.get(), budget));
    assertThat(flood.failure()).as("the server never closed the connection").isNotNull();
    assertThat(elapsed).isLessThanOrEqualTo(CUT_OFF);
    socket.close();
    assertServerStillServes("junk");
  }

  @Test
  void aLoggedInPeerThatStopsReadingIsClosedOnceOverTheBound() throws Exception {
    server.close();
    // Just above the high water mark (256 KiB): a paused peer is over it after a few events.
    server = TestServer.start(dir.resolve("sink"), b -> b.maxOutboundBytes(300 * 1024));
    List<RawClient> flappers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      flappers.add(connect().hello().register("flap" + i, PASSWORD));
    }
    RawClient sink = RawClient.withReceiveBuffer(server.port(), SMALL_RECEIVE_BUFFER);
    clients.add(sink);
    sink.hello().register("sink", PASSWORD);
    RawClient healthy = connect().hello().register("healthy", PASSWORD);
    // Presence is mutual: each pair adds the other.
    for (int i = 0; i < 4; i++) {
      befriend(sink, "sink", flappers.get(i), "flap" + i);
      befriend(healthy, "healthy", flappers.get(i), "flap" + i);
    }
    RawClient watcher = connect().hello().register("watcher", PASSWORD);
    befriend(watcher, "watcher", sink, "sink");
    drainPresence(healthy); // the "now mutual" notices; from here on, one per login or logout

    // The sink asks for far more than it will ever read, then stops reading.
    sink.stopReading();
    StringBuilder pings = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      pings.append("{\"type\":\"ping\",\"id\":\"p").append(i).append("\"}\n");
    }
    byte[] pingBytes = pings.toString().getBytes(StandardCharsets.US_ASCII);
    Thread pinger =
        new Thread(
            () -> {
              try {
                sink.sendRaw(pingBytes);
              } catch (IOException e) {
                // closed by the server: expected
              }
            },
            "sink-pinger");
    pinger.setDaemon(true);
    pinger.start();

    // Meanwhile its contacts come and go: each time, a presence event for the sink. Enough of
    // them to carry a paused sink well over its bound, but far too few to reach the 4 MiB that
    // the server allowed before it stopped reading non-readers.
    AtomicBoolean sinkGone = new AtomicBoolean();
    AtomicLong cycles = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (RawClient f : flappers) {
      String name = "flap" + flappers.indexOf(f);
      Thread t =
          new Thread(
              () -> {
                try {
                  while (!sinkGone.get() && cycles.get() < MAX_CYCLES) {
                    f.ok("logout");
                    f.login(name, PASSWORD);
                    cycles.incrementAndGet();
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              "flapper-" + name);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    long start = System.nanoTime();
    JsonObject gone;
    try {
      gone =
          watcher.next(
              f ->
                  f.get("type").getAsString().equals("presence")
                      && f.get("user").getAsString().equals("sink")
                      && !f.get("online").getAsBoolean(),
              Duration.ofSeconds(20));
    } finally {
      sinkGone.set(true);
      for (Thread t : threads) {
        t.join(10_000);
      }
    }
    System.out.printf(
        "NonReadingPeersTest: non-reading sink closed after %d ms, %d login/logout cycles%n",
        (System.nanoTime() - start) / 1_000_000, cycles.get());
    assertThat(gone).isNotNull();
    // The sink was closed, everybody else was not: the reading contact got every event.
    int events = 0;
    while (!healthy.nothing(
        f -> f.get("type").getAsString().equals("presence"), Duration.ofSeconds(1))) {
      events++;
    }
    assertThat(events).isEqualTo(cycles.get() * 2);
    assertThat(healthy.call("ping").get("type").getAsString()).isEqualTo("pong");
    assertServerStillServes("sink");
  }

  @Test
  void aLoggedInPeerThatStopsReadingIsClosedAtTheIdleTimeoutWhateverIsPending() throws Exception {
    server.close();
    Duration idle = Duration.ofSeconds(1);
    // The default outbound bound (4 MiB), which this peer never reaches: only the idle timer acts.
    server = TestServer.start(dir.resolve("idle"), b -> b.idleTimeout(idle));
    RawClient sink = RawClient.withReceiveBuffer(server.port(), SMALL_RECEIVE_BUFFER);
    clients.add(sink);
    sink.hello().register("sleeper", PASSWORD);
    RawClient watcher = connect().hello().register("watcher", PASSWORD);
    befriend(watcher, "watcher", sink, "sleeper");
    sink.stopReading();
    byte[] pings = "{\"type\":\"ping\",\"id\":\"p\"}\n".repeat(40_000).getBytes();
    Thread pinger =
        new Thread(
            () -> {
              try {
                sink.sendRaw(pings);
              } catch (IOException e) {
                // closed by the server: expected
              }
            },
            "sleeper-pinger");
    pinger.setDaemon(true);
    pinger.start();
    // Two idle periods (ping, then timeout), the grace, and slack.
    Duration cutOff = idle.multipliedBy(2).plus(CLOSE_GRACE).plusSeconds(3);
    long start = System.nanoTime();
    boolean gone = false;
    while (!gone && System.nanoTime() - start < cutOff.toNanos()) {
      watcher.call("ping"); // the watcher itself stays active
      gone =
          !watcher.nothing(
              f ->
                  f.get("type").getAsString().equals("presence")
                      && f.get("user").getAsString().equals("sleeper")
                      && !f.get("online").getAsBoolean(),
              Duration.ofMillis(200));
    }
    System.out.printf(
        "NonReadingPeersTest: idle non-reader closed: %s after %d ms%n",
        gone, (System.nanoTime() - start) / 1_000_000);
    assertThat(gone).as("the idle non-reader was closed within %s", cutOff).isTrue();
  }

  @Test
  void aPeerFarBeyondItsRateLimitIsCutOffAndMalformedLinesCount() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("rate"), b -> b.requestRate(100, 200));
    RawClient noisy = connect();
    // Malformed lines cost a request each: 200 of burst, then refusals, then a close.
    byte[] junk = "x\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
    noisy.sendRaw(junk);
    List<String> codes = new ArrayList<>();
    boolean closed = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!closed && System.nanoTime() < deadline) {
      try {
        codes.add(noisy.next(f -> f.has("code"), Duration.ofMillis(200)).get("code").getAsString());
      } catch (AssertionError e) {
        closed = noisy.awaitClosed(Duration.ofMillis(10));
      }
    }
    long badRequests = codes.stream().filter("bad_request"::equals).count();
    long limited = codes.stream().filter("rate_limited"::equals).count();
    System.out.printf(
        "NonReadingPeersTest: junk beyond the rate limit: %d bad_request, %d rate_limited, closed"
            + " %s%n",
        badRequests, limited, closed);
    assertThat(closed).as("the peer was cut off").isTrue();
    assertThat(codes).containsOnly("bad_request", "rate_limited");
    // Every line counted: the burst (plus what refilled meanwhile) was served, the rest refused.
    assertThat(badRequests).isBetween(200L, 200L + 100 * 20);
    assertThat(codes.size()).isLessThan(20_000);
    assertThat(codes.get(codes.size() - 1)).isEqualTo("rate_limited");
    assertServerStillServes("rate");
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** Makes {@code a} and {@code b} mutual contacts, so that each sees the other's presence. */
  private static void befriend(RawClient a, String aName, RawClient b, String bName)
      throws Exception {
    a.ok("add_contact", "user", bName);
    b.ok("add_contact", "user", aName);
  }

  /** Reads presence events until none has come for a second. */
  private static void drainPresence(RawClient c) throws Exception {
    while (!c.nothing(f -> f.get("type").getAsString().equals("presence"), Duration.ofSeconds(1))) {
      // keep reading
    }
  }

  /** A well-behaved pair still chats (as in {@code BadInputTest}). */
  private void assertServerStillServes(String tag) throws Exception {
    RawClient a = connect().hello().register("ok-a-" + tag, PASSWORD);
    RawClient b = connect().hello().register("ok-b-" + tag, PASSWORD);
    a.ok("send", "to", "ok-b-" + tag, "msgId", "fine", "envelope", new byte[] {1, 2, 3});
    assertThat(b.event("message").get("msgId").getAsString()).isEqualTo("fine");
  }

  private interface Write {
    void to(OutputStream out) throws Exception;
  }

  /** A thread writing to a socket it never reads, until the write fails or time runs out. */
  private static final class Flood {
    private final Thread thread;
    private volatile String failure;
    private volatile long endedAt;

    private Flood(String name, SSLSocket socket, Write write, Duration limit) {
      thread =
          new Thread(
              () -> {
                long deadline = System.nanoTime() + limit.toNanos();
                try {
                  OutputStream out = socket.getOutputStream();
                  while (System.nanoTime() < deadline) {
                    write.to(out);
                    out.flush();
                  }
                } catch (IOException e) {
                  failure = e.toString();
                } catch (Exception e) {
                  failure = "unexpected " + Arrays.toString(e.getStackTrace());
                }
                endedAt = System.nanoTime();
              },
              name);
      thread.setDaemon(true);
    }

    static Flood start(String name, SSLSocket socket, Write write, Duration limit) {
      Flood f = new Flood(name, socket, write, limit);
      f.thread.start();
      return f;
    }

    void join() throws InterruptedException {
      thread.join();
    }

    String failure() {
      return failure;
    }

    long endedAt() {
      return endedAt;
    }
  }
}
