package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.LogCapture;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client types as a username never reaches the server's log unless it is a real account. */
class LogInjectionTest extends ServerTestBase {
  private LogCapture capture;

  @BeforeEach
  void captureLogs() {
    capture = new LogCapture(false);
  }

  @AfterEach
  void release() {
    capture.close();
  }

  String log() {
    return String.join("", capture.lines()).toLowerCase(Locale.ROOT);
  }

  @Test
  void rejectedUsernamesAreNeverLoggedVerbatim() throws Exception {
    RawClient c = connect().hello();
    c.register("dora", PASSWORD).ok("logout");
    String forged = "x\n2026-01-01 00:00:00 INFO login: admin from 10.0.0.1";
    String ansi = "\u001b[2J\u001b]0;pwned\u0007evil";
    String typedPassword = "S3cret!Passw0rd";
    String passwordLike = "Hunter2Hunter2";
    for (String name : List.of(forged, ansi, typedPassword)) {
      assertThat(code(c.call("login", "username", name, "password", "Wrong1pass")))
          .isEqualTo("invalid_username");
      assertThat(code(c.call("register", "username", name, "password", PASSWORD)))
          .isEqualTo("invalid_username");
    }
    // Valid as a username but nobody's: a password typed into the username field.
    assertThat(code(c.call("login", "username", passwordLike, "password", "Wrong1pass")))
        .isEqualTo("bad_credentials");
    // A real account's failure is logged, with its name (so the admin can see the attack).
    assertThat(code(c.call("login", "username", "dora", "password", "Wrong1pass")))
        .isEqualTo("bad_credentials");
    String log = log();
    assertThat(log).contains("failed login for 'dora'");
    assertThat(log)
        .doesNotContain("admin from 10.0.0.1")
        .doesNotContain("pwned")
        .doesNotContain("\u001b")
        .doesNotContain("s3cret")
        .doesNotContain("hunter2");
  }
}
