package dev.parley.app.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real D-Bus session bus of the test's own: {@code dbus-daemon --session --nofork
 * --print-address} listening on a socket in a temporary folder, stopped by {@link #close()}.
 */
final class SessionBus implements AutoCloseable {
  private final Process daemon;
  private final String address;

  private SessionBus(Process daemon, String address) {
    this.daemon = daemon;
    this.address = address;
  }

  /**
   * Starts a bus with its socket in a new folder in {@code dir}; fails clearly without dbus-daemon.
   */
  static SessionBus start(Path dir) throws Exception {
    Path home = Files.createTempDirectory(dir, "bus");
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "dbus-daemon",
                  "--session",
                  "--nofork",
                  "--print-address",
                  // A path socket (not the abstract one --session picks on Linux): dbus-java's
                  // native transport uses java.nio's Unix sockets, which have only paths.
                  "--address=unix:path=" + home.resolve("socket"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "This test needs dbus-daemon (Debian package 'dbus'; .ci/run installs it): "
              + e.getMessage(),
          e);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(20, TimeUnit.SECONDS);
    if (line == null || !line.startsWith("unix:")) {
      p.destroyForcibly();
      throw new AssertionError("dbus-daemon did not print its address (got " + line + ")");
    }
    return new SessionBus(p, line.strip());
  }

  private static String readLine(BufferedReader r) {
    try {
      return r.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  /** The bus address, as DBUS_SESSION_BUS_ADDRESS would carry it. */
  String address() {
    return address;
  }

  @Override
  public void close() throws InterruptedException {
    daemon.destroy();
    if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
      daemon.destroyForcibly();
    }
  }
}
