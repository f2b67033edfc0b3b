package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.net.KnownServer;
import dev.parley.client.net.KnownServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

  static final String OTHER =
      "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF";

  @Test
  void aKnownServerIsOneIdentityWithItsAddressesMostRecentFirstAndItsName() {
    Path file = dir.resolve("known_servers");
    ServerAddress loopback = ServerAddress.parse("127.0.0.1:6000");
    ServerAddress lan = ServerAddress.parse("10.0.0.5:6000");
    KnownServers k = new KnownServers(file);
    k.trust(loopback, FP);
    k.reached(lan, FP, "Office");
    KnownServers again = new KnownServers(file);
    assertThat(again.isKnown(FP.toLowerCase())).isTrue();
    assertThat(again.pinned(lan)).contains(FP);
    assertThat(again.pinned(loopback)).contains(FP);
    assertThat(again.servers())
        .containsExactly(new KnownServer(FP, "Office", List.of(lan, loopback)));
    assertThatThrownBy(() -> again.reached(lan, OTHER, "Not trusted"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAddressReachedAsAnotherKnownServerMovesToIt() {
    Path file = dir.resolve("known_servers");
    ServerAddress x = ServerAddress.parse("10.0.0.5");
    ServerAddress y = ServerAddress.parse("10.0.0.6");
    KnownServers k = new KnownServers(file);
    k.trust(x, FP);
    k.trust(y, OTHER);
    // DHCP gave the other server the first one's address.
    k.reached(x, OTHER, "Lab");
    KnownServers again = new KnownServers(file);
    assertThat(again.pinned(x)).contains(OTHER);
    assertThat(again.server(OTHER).orElseThrow().addresses()).containsExactly(x, y);
    // The first server is still known (its key is its identity), just not at an address now.
    assertThat(again.server(FP).orElseThrow().addresses()).isEmpty();
  }

  @Test
  void theOldFormatIsMigratedOnLoadAndWrittenInTheNewOneAtTheNextWrite() throws Exception {
    Path file = dir.resolve("known_servers");
    Files.writeString(
        file,
        "127.0.0.1:5417 " + FP + "\n10.0.0.5:5417 " + FP + "\n::1:6000 " + OTHER + "\nbroken\n");
    KnownServers k = new KnownServers(file);
    ServerAddress v6 = new ServerAddress("::1", 6000);
    assertThat(k.legacyPins())
        .containsOnly(
            Map.entry(ServerAddress.parse("127.0.0.1"), FP),
            Map.entry(ServerAddress.parse("10.0.0.5"), FP),
            Map.entry(v6, OTHER));
    assertThat(k.pinned(v6)).contains(OTHER);
    assertThat(k.server(FP).orElseThrow().addresses()).hasSize(2);
    k.rewrite();
    assertThat(Files.readAllLines(file).get(0)).isEqualTo(KnownServers.HEADER);
    KnownServers again = new KnownServers(file);
    assertThat(again.legacyPins()).isEmpty();
    assertThat(again.servers()).isEqualTo(k.servers());
  }

  @Test
  void damagedLinesOfTheNewFormatAreSkippedNotTrusted() throws Exception {
    Path file = dir.resolve("known_servers");
    Files.writeString(
        file,
        KnownServers.HEADER
            + "\nnot-a-fingerprint 10.0.0.1 Evil\n"
            + FP
            + "\n"
            + OTHER
            + " 10.0.0.2,[::1]:6000,bad/host A name with spaces\n");
    KnownServers k = new KnownServers(file);
    assertThat(k.isKnown(FP)).isFalse();
    assertThat(k.pinned(ServerAddress.parse("10.0.0.1"))).isEmpty();
    assertThat(k.server(OTHER).orElseThrow())
        .isEqualTo(
            new KnownServer(
                OTHER,
                "A name with spaces",
                List.of(ServerAddress.parse("10.0.0.2"), ServerAddress.parse("[::1]:6000"))));
  }

  @Test
  void aNameCannotBreakTheFile() {
    Path file = dir.resolve("known_servers");
    KnownServers k = new KnownServers(file);
    k.trust(ServerAddress.parse("a"), FP);
    k.reached(ServerAddress.parse("a"), FP, "two\nlines\n" + OTHER + " b");
    KnownServers again = new KnownServers(file);
    assertThat(again.servers()).hasSize(1);
    assertThat(again.isKnown(OTHER)).isFalse();
  }
}
