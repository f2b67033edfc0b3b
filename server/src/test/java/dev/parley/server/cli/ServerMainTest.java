package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerMainTest {

  @Test
  void helpListsTheFlagsAnAdminNeeds() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new ServerMain());
    cmd.setOut(new PrintWriter(out));
    assertThat(cmd.execute("--help")).isZero();
    assertThat(out.toString()).contains("--port", "--bind", "--data-dir", "--version");
  }

  @Test
  void parsesFlags() {
    ServerMain main = new ServerMain();
    new CommandLine(main).parseArgs("--port", "6000", "--bind", "127.0.0.1", "--data-dir", "d");
    assertThat(main.port).isEqualTo(6000);
    assertThat(main.bind).isEqualTo("127.0.0.1");
    assertThat(main.dataDir).isEqualTo(Path.of("d"));
  }

  @Test
  void connectionSlotFlagsReachTheConfiguration() {
    ServerMain main = new ServerMain();
    new CommandLine(main)
        .parseArgs(
            "--data-dir",
            "d",
            "--max-connections",
            "500",
            "--max-anonymous-per-address",
            "4",
            "--reserved-connections",
            "100");
    var config = main.config();
    assertThat(config.maxAnonymousPerAddress()).isEqualTo(4);
    assertThat(config.reservedConnections()).isEqualTo(100);
    assertThat(config.maxAnonymousConnections()).isEqualTo(400);
    // By default a tenth of the connections is kept for logged-in users.
    ServerMain defaults = new ServerMain();
    new CommandLine(defaults).parseArgs("--data-dir", "d", "--max-connections", "500");
    assertThat(defaults.config().maxAnonymousConnections()).isEqualTo(450);
    assertThat(defaults.config().maxAnonymousPerAddress()).isEqualTo(16);
  }

  @Test
  void rejectsAReserveThatLeavesNothingForStrangers() {
    ServerMain main = new ServerMain();
    new CommandLine(main)
        .parseArgs("--data-dir", "d", "--max-connections", "10", "--reserved-connections", "10");
    org.assertj.core.api.Assertions.assertThatThrownBy(main::config)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
  }

  @Test
  void rejectsANonNumericPort() {
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ServerMain());
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("--port", "abc")).isNotZero();
    assertThat(err.toString()).contains("--port");
  }

  @Test
  void registrationIsOpenUnlessClosed() {
    ServerMain main = new ServerMain();
    new CommandLine(main).parseArgs("--data-dir", "d");
    assertThat(main.config().registrationOpen()).isTrue();
    main = new ServerMain();
    new CommandLine(main).parseArgs("--registration", "closed", "--data-dir", "d");
    assertThat(main.config().registrationOpen()).isFalse();
  }

  @Test
  void rejectsAnUnknownRegistrationMode() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    try {
      assertThat(new CommandLine(new ServerMain()).execute("--registration", "maybe")).isEqualTo(2);
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString()).contains("--registration is 'open' or 'closed'");
  }
}
