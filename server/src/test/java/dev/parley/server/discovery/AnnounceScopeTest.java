package dev.parley.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** A server is announced only where it listens. */
class AnnounceScopeTest {
  @Test
  void aServerListeningOnEveryAddressIsAnnouncedOnEveryLanAddressOrTheOneChosen() throws Exception {
    AnnounceScope all = AnnounceScope.of("0.0.0.0", null);
    assertThat(all.everyLanAddress()).isTrue();
    assertThat(all.refusal()).isEmpty();

    AnnounceScope chosen = AnnounceScope.of("0.0.0.0", "192.0.2.7");
    assertThat(chosen.everyLanAddress()).isFalse();
    assertThat(chosen.only()).contains(InetAddress.getByName("192.0.2.7"));
  }

  @Test
  void aServerListeningOnOneAddressIsAnnouncedThereAndNowhereElse() throws Exception {
    // Found at its LAN address, a server that listens on loopback only was a dead end.
    AnnounceScope loopback = AnnounceScope.of("127.0.0.1", null);
    assertThat(loopback.everyLanAddress()).isFalse();
    assertThat(loopback.only()).contains(InetAddress.getByName("127.0.0.1"));

    AnnounceScope same = AnnounceScope.of("192.0.2.7", "192.0.2.7");
    assertThat(same.only()).contains(InetAddress.getByName("192.0.2.7"));
  }

  @Test
  void anAnnouncementWhereTheServerDoesNotListenIsRefusedWithTheReason() {
    AnnounceScope elsewhere = AnnounceScope.of("127.0.0.1", "192.0.2.7");
    assertThat(elsewhere.everyLanAddress()).isFalse();
    assertThat(elsewhere.only()).isEmpty();
    assertThat(elsewhere.refusal())
        .hasValueSatisfying(r -> assertThat(r).contains("127.0.0.1 only").contains("192.0.2.7"));
  }
}
