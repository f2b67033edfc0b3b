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
 * A real D-Bus session bus of the test's own: {@code dbus-daemon --nofork --print-address} with a
 * configuration that activates nothing, on a socket in a temporary folder, stopped by {@link
 * #close()}.
 */
final class SessionBus implements AutoCloseable {
  // Like the session bus's configuration, without any service directory (nothing is activated).
  private static final String CONFIG =
      """
      <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
       "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
      <busconfig>
        <type>session</type>
        <listen>unix:tmpdir=/tmp</listen>
        <auth>EXTERNAL</auth>
        <policy context="default">
          <allow send_destination="*" eavesdrop="true"/>
          <allow eavesdrop="true"/>
          <allow own="*"/>
        </policy>
      </busconfig>
      """;

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
    // A bus of its own configuration, not the session one: that one activates whatever
    // notification daemon this computer has installed (dunst, say, when a display is set), and a
    // test of "no notification service" would then get a real one.
    Path config = home.resolve("bus.conf");
    Files.writeString(config, CONFIG, StandardCharsets.UTF_8);
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "dbus-daemon",
                  "--config-file=" + config,
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
