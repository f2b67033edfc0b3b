package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the server loses no acknowledged message. */
class CrashRecoveryTest {
  @TempDir Path dir;

  /** Starts the real server main in a child JVM and returns it once it reports its port. */
  static Process startServer(Path data, int[] port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.parley.server.cli.ServerMain",
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--data-dir",
                data.toString(),
                "--bcrypt-cost",
                "4")
            .redirectErrorStream(true)
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
    Pattern running = Pattern.compile("running on port (\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      Matcher m = running.matcher(line);
      if (m.find()) {
        port[0] = Integer.parseInt(m.group(1));
        Thread drainer =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // keep the pipe from filling
                    }
                  } catch (java.io.IOException ignored) {
                    // process ended
                  }
                });
        drainer.setDaemon(true);
        drainer.start();
        return p;
      }
    }
    p.destroyForcibly();
    throw new AssertionError("server did not start");
  }

  @Test
  void everyAcknowledgedMessageSurvivesKillNine() throws Exception {
    int[] port = new int[1];
    Process server = startServer(dir, port);
    Set<String> acknowledged = new HashSet<>();
    try (RawClient alice = new RawClient(port[0]).hello().register("alice", PASSWORD);
        RawClient bob = new RawClient(port[0]).hello().register("bob", PASSWORD)) {
      bob.ok("logout");
      for (int i = 0; i < 200; i++) {
        alice.send("send", "to", "bob", "msgId", "k" + i, "envelope", new byte[] {(byte) i});
      }
      // Take the answers that arrived, then kill the server with more still in flight.
      for (int i = 0; i < 120; i++) {
        JsonObject a = alice.answer("r" + (i + 3));
        if (a.get("type").getAsString().equals("ok")) {
          acknowledged.add(a.get("msgId").getAsString());
        }
      }
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(120);
    Process again = startServer(dir, port);
    try (RawClient bob = new RawClient(port[0]).hello().login("bob", PASSWORD)) {
      Set<String> received = new HashSet<>();
      List<String> order = new java.util.ArrayList<>();
      while (true) {
        JsonObject m;
        try {
          m =
              bob.next(
                  f -> f.get("type").getAsString().equals("message"),
                  java.time.Duration.ofSeconds(2));
        } catch (AssertionError done) {
          break;
        }
        String id = m.get("msgId").getAsString();
        assertThat(received.add(id)).as("delivered once: %s", id).isTrue();
        order.add(id);
      }
      assertThat(received).containsAll(acknowledged);
      // Stored messages come back in the order they were accepted.
      List<Integer> numbers = order.stream().map(s -> Integer.parseInt(s.substring(1))).toList();
      assertThat(numbers).isSorted();
    } finally {
      again.destroy();
      again.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
