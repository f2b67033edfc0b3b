package dev.parley.client.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.net.KnownServers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanOfferTest {
  static final String FP =
      "E2:AC:FD:A1:4E:1B:87:5F:F6:03:4F:15:31:09:5E:BA:99:4B:13:63:4C:5F:9E:F9:30:A2:B6:64:26:74:39:48";
  static final String OTHER =
      "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF";

  @TempDir Path dir;

  KnownServers knowsOffice() {
    KnownServers known = new KnownServers(dir.resolve("known_servers"));
    ServerAddress before = ServerAddress.parse("10.0.0.5");
    known.trust(before, FP);
    known.reached(before, FP, "Office");
    return known;
  }

  @Test
  void aKnownFingerprintAtANewAddressIsOfferedUnderItsKnownName() {
    LanServer moved = new LanServer("host-7", "host-7", List.of("10.0.0.77"), 5417, FP, 1);
    assertThat(LanOffer.of(moved, knowsOffice()))
        .isEqualTo(new LanOffer(moved, "Office", true, false));
  }

  @Test
  void aKnownNameWithAnotherFingerprintIsNotTheKnownServer() {
    KnownServers known = knowsOffice();
    LanServer impostor = new LanServer("office", "Office", List.of("10.0.0.5"), 5417, OTHER, 1);
    LanServer silent = new LanServer("office", "office ", List.of("10.0.0.5"), 5417, null, 0);
    assertThat(LanOffer.of(impostor, known))
        .isEqualTo(new LanOffer(impostor, "Office", false, true));
    assertThat(LanOffer.of(silent, known).usedBefore()).isFalse();
    assertThat(LanOffer.of(silent, known).lookalike()).isTrue();
    LanServer stranger = new LanServer("lab", "Lab", List.of("10.0.0.9"), 5417, OTHER, 1);
    assertThat(LanOffer.of(stranger, known)).isEqualTo(new LanOffer(stranger, "Lab", false, false));
  }
}
