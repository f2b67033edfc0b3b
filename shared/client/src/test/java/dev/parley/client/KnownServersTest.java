package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.net.KnownServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownServersTest {
  static final String FP =
      "E2:AC:FD:A1:4E:1B:87:5F:F6:03:4F:15:31:09:5E:BA:99:4B:13:63:4C:5F:9E:F9:30:A2:B6:64:26:74:39:48";

  @TempDir Path dir;

  @Test
  void pinsSurviveARestartAndAreNormalised() {
    Path file = dir.resolve("known_servers");
    ServerAddress office = ServerAddress.parse("office:6000");
    new KnownServers(file).trust(office, FP.toLowerCase().replace(":", ""));
    KnownServers again = new KnownServers(file);
    assertThat(again.pinned(office)).contains(FP);
    assertThat(again.pinned(ServerAddress.parse("office"))).isEmpty();
  }

  @Test
  void rejectsMalformedFingerprintsAndSkipsDamagedLines() throws Exception {
    Path file = dir.resolve("known_servers");
    assertThatThrownBy(() -> new KnownServers(file).trust(ServerAddress.parse("x"), "12:34"))
        .isInstanceOf(IllegalArgumentException.class);
    Files.writeString(file, "garbage line\nhost:5417 not-a-fingerprint\nok:5417 " + FP + "\n");
    KnownServers k = new KnownServers(file);
    assertThat(k.pinned(ServerAddress.parse("host"))).isEmpty();
    assertThat(k.pinned(ServerAddress.parse("ok"))).contains(FP);
  }
}
