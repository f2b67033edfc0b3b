package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@code mqtt} mode against a real Mosquitto (installed by .ci/run; README lists it): every
 * published message arrives once and the run reports success, so the side-by-side figures in
 * PERFORMANCE.md come from a workload that completes.
 */
class MqttModeTest {
  @Test
  void theRelayWorkloadRunsAgainstMosquittoOverTls() {
    assertThat(Path.of("/usr/sbin/mosquitto"))
        .as("mosquitto is installed (apt-get install mosquitto)")
        .matches(Files::isExecutable);
    int exit = LoadCommand.execute("mqtt", "-p", "3", "-m", "50", "-w", "8");
    assertThat(exit).as("0 lost, 0 duplicated").isZero();
  }
}
