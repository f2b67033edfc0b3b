package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Without GTK 3 on Linux the app says in one line what to install. */
class GtkHintTest {
  /** Where Debian and Ubuntu keep the library JavaFX's glass loads. */
  static final Path LIBGTK = Path.of("/usr/lib/x86_64-linux-gnu/libgtk-3.so.0");

  @Test
  void theRealGlassFailureIsRecognisedAndOthersAreNot() {
    // The exception JavaFX 21 throws on a machine without libgtk-3-0 (seen on Debian 12).
    Throwable real = new UnsupportedOperationException("Unable to load glass GTK library.");
    assertThat(GtkHint.forFailure(real)).contains(GtkHint.HINT);
    assertThat(GtkHint.forFailure(new RuntimeException("launch failed", real)))
        .contains(GtkHint.HINT);
    assertThat(GtkHint.forFailure(new IllegalStateException("Toolkit already initialized")))
        .isEmpty();
    assertThat(GtkHint.HINT).doesNotContain("\n").contains("libgtk-3-0");
  }

  /**
   * The real launcher in a real JVM, with libgtk made unloadable in a private mount namespace (the
   * machine's own file is untouched): it must end with the hint and exit 1. Runs where that can be
   * arranged (Linux, root, util-linux's unshare); elsewhere the test above still checks the logic.
   */
  @Test
  void theRealLauncherPrintsTheHintWhenGtkCannotBeLoaded() throws Exception {
    Assumptions.assumeTrue(Files.exists(LIBGTK), "no " + LIBGTK + " to hide on this machine");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "hiding a library needs root");
    // Glass opens the X display before it loads GTK, so the launcher needs a real (virtual) one.
    Process xvfb;
    try {
      xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-nolisten", "tcp").start();
    } catch (java.io.IOException none) {
      Assumptions.abort("no Xvfb to give the launcher a display");
      return;
    }
    try {
      String display =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      Assumptions.assumeTrue(display != null, "Xvfb did not start");
      launchWithoutGtk(":" + display.strip());
    } finally {
      xvfb.destroy();
    }
  }

  private static void launchWithoutGtk(String display) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String cp = System.getProperty("java.class.path");
    String script =
        "mount --bind /dev/null "
            + LIBGTK
            + " && exec \"$0\" -cp \"$1\" -Dglass.platform=gtk -Duser.home=\"$2\""
            + " dev.parley.app.Launcher";
    Path home = Files.createTempDirectory("parley-gtk-home");
    ProcessBuilder launcher =
        new ProcessBuilder(
                List.of("unshare", "-m", "sh", "-c", script, java.toString(), cp, home.toString()))
            .redirectErrorStream(true);
    launcher.environment().put("DISPLAY", display);
    Process p = launcher.start();
    Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assumptions.assumeFalse(
        out.contains("unshare failed") || out.contains("mount:"),
        () -> "cannot make a private mount namespace here: " + out);
    List<String> lines = out.strip().lines().toList();
    assertThat(lines.get(lines.size() - 1)).as(out).isEqualTo(GtkHint.HINT);
    assertThat(out).doesNotContain("\tat ");
    assertThat(p.exitValue()).isEqualTo(1);
  }
}
