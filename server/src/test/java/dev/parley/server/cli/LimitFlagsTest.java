package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.config.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The queue, disk and key-bundle limits reach the configuration from the command line. */
class LimitFlagsTest {

  @Test
  void withoutFlagsTheConfigurationHasTheBuilderDefaults() {
    ServerMain main = new ServerMain();
    new CommandLine(main).parseArgs("--data-dir", "d");
    ServerConfig c = main.config();
    ServerConfig defaults = ServerConfig.builder(Path.of("d")).build();
    assertThat(c.queueLimit()).isEqualTo(defaults.queueLimit()).isEqualTo(10_000);
    assertThat(c.queueBytesLimit()).isEqualTo(defaults.queueBytesLimit()).isEqualTo(64L << 20);
    assertThat(c.senderQueueLimit()).isEqualTo(1_000);
    assertThat(c.senderQueueBytes()).isEqualTo(16L << 20);
    assertThat(c.minFreeDiskBytes()).isEqualTo(256L << 20);
    assertThat(c.bundleFetchesPerMinute()).isEqualTo(defaults.bundleFetchesPerMinute());
    assertThat(c.bundleFetchBurst()).isEqualTo(defaults.bundleFetchBurst());
    assertThat(c.prekeyHandoutsPerMinute()).isEqualTo(defaults.prekeyHandoutsPerMinute());
    assertThat(c.prekeyHandoutBurst()).isEqualTo(defaults.prekeyHandoutBurst());
    assertThat(c.strangerQueueLimit()).isEqualTo(2_500);
    assertThat(c.strangerQueueBytes()).isEqualTo(16L << 20);
    assertThat(c.maxAnonymousPerAddress()).isEqualTo(16);
    assertThat(c.maxAnonymousPerPrefix()).isEqualTo(256);
    assertThat(c.hashesPerMinutePerAddress()).isEqualTo(defaults.hashesPerMinutePerAddress());
    assertThat(c.hashBurstPerAddress()).isEqualTo(defaults.hashBurstPerAddress());
    assertThat(c.hashesPerMinutePerAccount()).isEqualTo(defaults.hashesPerMinutePerAccount());
    assertThat(c.hashBurstPerAccount()).isEqualTo(defaults.hashBurstPerAccount());
  }

  @Test
  void theStrangersPoolFollowsTheQueueUnlessGivenAndMustFitInIt() {
    ServerMain main = new ServerMain();
    new CommandLine(main).parseArgs("--queue-messages", "400", "--queue-bytes", "8MiB");
    assertThat(main.config().strangerQueueLimit()).isEqualTo(100);
    assertThat(main.config().strangerQueueBytes()).isEqualTo(2L << 20);
    ServerMain tooBig = new ServerMain();
    new CommandLine(tooBig).parseArgs("--queue-messages", "400", "--stranger-pool-messages", "401");
    assertThatThrownBy(tooBig::config).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyLimitHasAFlag() {
    ServerMain main = new ServerMain();
    new CommandLine(main)
        .parseArgs(
            "--queue-messages", "500",
            "--queue-bytes", "8MiB",
            "--sender-share-messages", "50",
            "--sender-share-bytes", "512K",
            "--min-free-disk", "1G",
            "--bundle-fetches-per-minute", "30",
            "--bundle-fetch-burst", "60",
            "--prekeys-per-minute", "12",
            "--prekey-burst", "40",
            "--stranger-pool-messages", "30",
            "--stranger-pool-bytes", "1M",
            "--max-anonymous-per-ipv6-prefix", "64",
            "--hashes-per-minute-per-address", "90",
            "--hash-burst-per-address", "45",
            "--hashes-per-minute-per-account", "3",
            "--hash-burst-per-account", "5");
    ServerConfig c = main.config();
    assertThat(c.queueLimit()).isEqualTo(500);
    assertThat(c.queueBytesLimit()).isEqualTo(8L << 20);
    assertThat(c.senderQueueLimit()).isEqualTo(50);
    assertThat(c.senderQueueBytes()).isEqualTo(512L << 10);
    assertThat(c.minFreeDiskBytes()).isEqualTo(1L << 30);
    assertThat(c.bundleFetchesPerMinute()).isEqualTo(30);
    assertThat(c.bundleFetchBurst()).isEqualTo(60);
    assertThat(c.prekeyHandoutsPerMinute()).isEqualTo(12);
    assertThat(c.prekeyHandoutBurst()).isEqualTo(40);
    assertThat(c.strangerQueueLimit()).isEqualTo(30);
    assertThat(c.strangerQueueBytes()).isEqualTo(1L << 20);
    assertThat(c.maxAnonymousPerPrefix()).isEqualTo(64);
    assertThat(c.hashesPerMinutePerAddress()).isEqualTo(90);
    assertThat(c.hashBurstPerAddress()).isEqualTo(45);
    assertThat(c.hashesPerMinutePerAccount()).isEqualTo(3);
    assertThat(c.hashBurstPerAccount()).isEqualTo(5);
  }

  @Test
  void helpShowsSizesReadably() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new ServerMain());
    cmd.setOut(new PrintWriter(out));
    assertThat(cmd.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("--min-free-disk", "256MiB", "--sender-share-bytes", "16MiB");
  }

  @Test
  void sizesParseInBinaryUnitsAndRefuseNonsense() {
    assertThat(ByteSize.parse("1048576").bytes()).isEqualTo(1L << 20);
    assertThat(ByteSize.parse("64 KiB").bytes()).isEqualTo(64L << 10);
    assertThat(ByteSize.parse("2gb").bytes()).isEqualTo(2L << 30);
    assertThat(ByteSize.parse("0").bytes()).isZero();
    assertThat(new ByteSize(3L << 40).toString()).isEqualTo("3TiB");
    assertThat(new ByteSize(1500).toString()).isEqualTo("1500");
    assertThatThrownBy(() -> ByteSize.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ByteSize.parse("12 XB")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ByteSize.parse("99999999999T"))
        .isInstanceOf(IllegalArgumentException.class);
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ServerMain());
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("--queue-bytes", "lots")).isNotZero();
    assertThat(err.toString()).contains("--queue-bytes", "not a size");
  }
}
