package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slowloris-style peers: connections that trickle a byte at a time are cut off at the login
 * timeout, whether or not they ever finish the TLS handshake, and never slow anybody else down.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowPeersTest extends ServerTestBase {
  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration DRIBBLE = Duration.ofMillis(200);
  // The login timeout plus scheduling slack; the one bound every slow peer must meet.
  private static final Duration CUT_OFF = LOGIN_TIMEOUT.plusSeconds(3);
  // What "promptly" means for the well-behaved client on a loaded 2-core machine.
  private static final Duration PROMPT = Duration.ofMillis(1_000);

  @BeforeEach
  void restartWithShortLoginTimeout() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("slow"), b -> b.loginTimeout(LOGIN_TIMEOUT));
  }

  @Test
  void aTlsClientDribblingItsLoginIsCutOffWhileOthersAreServed() throws Exception {
    long start = System.nanoTime();
    RawClient slow = connect().hello();
    byte[] login =
        ("{\"type\":\"login\",\"id\":\"slow\",\"username\":\"slowpoke\",\"password\":\""
                + PASSWORD
                + "\"}\n")
            .getBytes(StandardCharsets.UTF_8);
    Thread dribbler =
        daemon(
            "tls-dribbler",
            () -> {
              try {
                for (byte b : login) {
                  slow.sendRaw(new byte[] {b});
                  Thread.sleep(DRIBBLE.toMillis());
                }
              } catch (IOException e) {
                // the server hung up on us: expected
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    // The frame would take 15 s to arrive; the whole of it never may.
    assertThat(login.length * DRIBBLE.toMillis()).isGreaterThan(2 * CUT_OFF.toMillis());

    // Meanwhile somebody else registers, logs out, logs in again and gets quick answers, until
    // the slow one has been dropped.
    RawClient quick = connect().hello();
    assertPrompt(() -> quick.register("quick", PASSWORD));
    assertPrompt(() -> quick.ok("logout"));
    assertPrompt(() -> quick.login("quick", PASSWORD));
    boolean closed = false;
    int pings = 0;
    while (!closed && System.nanoTime() - start < CUT_OFF.toNanos()) {
      assertPrompt(() -> assertPong(quick));
      pings++;
      closed = slow.awaitClosed(Duration.ofMillis(100));
    }
    long elapsed = System.nanoTime() - start;
    dribbler.interrupt();

    assertThat(closed).as("the dribbling TLS client was closed within %s", CUT_OFF).isTrue();
    assertThat(Duration.ofNanos(elapsed))
        .as("closed by the login timer, not earlier")
        .isGreaterThanOrEqualTo(LOGIN_TIMEOUT.minusMillis(100));
    assertThat(pings).isGreaterThanOrEqualTo(5);
    // The server says why before hanging up (unless our own writes reset the socket first).
    List<String> codes = new ArrayList<>();
    try {
      JsonObject err = slow.next(f -> f.has("code"), Duration.ZERO);
      codes.add(err.get("code").getAsString());
    } catch (AssertionError noErrorFrame) {
      // the RST from a byte written after the close may have discarded it
    }
    System.out.printf(
        "SlowPeersTest: dribbling TLS client closed after %d ms, errors %s, %d prompt pings%n",
        elapsed / 1_000_000, codes, pings);
    assertThat(codes).allMatch("timeout"::equals);
    assertThat(slow.nothing(f -> f.has("re"), Duration.ZERO))
        .as("the dribbled login was never served")
        .isTrue();
    // The quick client is still fine afterwards.
    assertPrompt(() -> assertPong(quick));
  }

  @Test
  void aPlainTcpClientTricklingTlsRecordBytesIsClosed() throws Exception {
    // A believable TLS handshake record header (ClientHello, 512 bytes announced), then filler:
    // the TLS layer keeps waiting for the rest of the record, one byte every 200 ms.
    byte[] bytes = new byte[600];
    byte[] header = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
    System.arraycopy(header, 0, bytes, 0, header.length);
    assertPlainSocketIsClosed(bytes);
    assertServerStillServes("rec");
  }

  @Test
  void aPlainTcpClientTricklingTextIsClosed() throws Exception {
    byte[] bytes = "GET / HTTP/1.1\r\nHost: parley\r\n\r\n".repeat(20).getBytes();
    assertPlainSocketIsClosed(bytes);
    assertServerStillServes("txt");
  }

  // ---- helpers ---------------------------------------------------------------------------

  /**
   * Opens a plain TCP socket (no TLS), writes {@code bytes} one every 200 ms and requires the
   * server to close it within {@link #CUT_OFF}.
   */
  private void assertPlainSocketIsClosed(byte[] bytes) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      s.setSoTimeout((int) DRIBBLE.toMillis());
      s.setTcpNoDelay(true);
      long start = System.nanoTime();
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      String how = null;
      long deadline = start + CUT_OFF.plusSeconds(10).toNanos(); // so a bug cannot hang the test
      int i = 0;
      while (how == null && System.nanoTime() < deadline) {
        try {
          if (i < bytes.length) {
            out.write(bytes[i++]);
            out.flush();
          }
          if (in.read(buf) < 0) {
            how = "end of stream";
          }
        } catch (SocketTimeoutException stillOpen) {
          // nothing to read: the 200 ms pause between bytes
        } catch (IOException e) {
          how = e.toString();
        }
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      System.out.printf(
          "SlowPeersTest: plain socket closed (%s) after %d ms, %d bytes sent%n",
          how, elapsed.toMillis(), i);
      assertThat(how).as("the plain socket was never closed (waited %s)", elapsed).isNotNull();
      assertThat(elapsed).as("closed (%s) after %s", how, elapsed).isLessThanOrEqualTo(CUT_OFF);
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void assertPrompt(Step step) throws Exception {
    long t0 = System.nanoTime();
    step.run();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(PROMPT);
  }

  private static void assertPong(RawClient c) throws Exception {
    String id = c.send("ping");
    assertThat(c.answer(id).get("type").getAsString()).isEqualTo("pong");
  }

  /** A well-behaved pair still chats (as in {@code BadInputTest}). */
  private void assertServerStillServes(String tag) throws Exception {
    RawClient a = connect().hello().register("ok-a-" + tag, PASSWORD);
    RawClient b = connect().hello().register("ok-b-" + tag, PASSWORD);
    a.ok("send", "to", "ok-b-" + tag, "msgId", "fine", "envelope", new byte[] {1, 2, 3});
    assertThat(b.event("message").get("msgId").getAsString()).isEqualTo("fine");
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
