package dev.parley.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerTrustException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which certificate a connection accepts without asking ({@link ServerConnection#untrusted}). */
class ServerTrustRulesTest {
  static final String A =
      "E2:AC:FD:A1:4E:1B:87:5F:F6:03:4F:15:31:09:5E:BA:99:4B:13:63:4C:5F:9E:F9:30:A2:B6:64:26:74:39:48";
  static final String B =
      "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF";
  static final String C =
      "00:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:00";

  @TempDir Path dir;

  @Test
  void aKnownServerIsTrustedAnywhereAndAnUnknownOneIsAskedAbout() {
    KnownServers known = new KnownServers(dir.resolve("known_servers"));
    ServerAddress x = ServerAddress.parse("10.0.0.5");
    ServerAddress y = ServerAddress.parse("10.0.0.6");
    known.trust(x, A);
    known.trust(ServerAddress.parse("10.0.0.7"), B);
    assertThat(ServerConnection.untrusted(x, known, null, A)).isNull();
    assertThat(ServerConnection.untrusted(y, known, null, A)).isNull();
    // x belonged to A: B, known too, is B there.
    assertThat(ServerConnection.untrusted(x, known, null, B)).isNull();

    ServerTrustException first = ServerConnection.untrusted(y, known, null, C);
    assertThat(first.changed()).isFalse();
    ServerTrustException changed = ServerConnection.untrusted(x, known, null, C);
    assertThat(changed.changed()).isTrue();
    assertThat(changed.pinned()).isEqualTo(A);
    assertThat(changed.presented()).isEqualTo(C);
  }

  @Test
  void aConnectionForTheAccountOpenMustReachThatVeryServer() {
    KnownServers known = new KnownServers(dir.resolve("known_servers"));
    ServerAddress x = ServerAddress.parse("10.0.0.5");
    known.trust(x, A);
    known.trust(ServerAddress.parse("10.0.0.7"), B);
    known.reached(ServerAddress.parse("10.0.0.7"), B, "Lab");
    assertThat(ServerConnection.untrusted(x, known, A, A)).isNull();
    // While logged in to A at x, a reconnect that finds B there does not log in to B.
    ServerTrustException other = ServerConnection.untrusted(x, known, A, B);
    assertThat(other.changed()).isTrue();
    assertThat(other.pinned()).isEqualTo(A);
    assertThat(other.presented()).isEqualTo(B);
    assertThat(other.getMessage())
        .isEqualTo(
            "10.0.0.5 is now another server you trust, \u201cLab\u201d, not the one you are"
                + " logged in to. Connect to it and log in there to use it.");
    ServerTrustException unknown = ServerConnection.untrusted(x, known, A, C);
    assertThat(unknown.getMessage()).contains("changed from " + A + " to " + C);
  }

  @Test
  void connectionsThatMeetAServerFirstTogetherNeverSeeItsCertificateChangeToItself()
      throws Exception {
    ServerAddress x = ServerAddress.parse("10.0.0.5");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 100; round++) {
        KnownServers known = new KnownServers(dir.resolve("known_servers_" + round));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
        java.util.List<java.util.concurrent.Future<ServerTrustException>> seen =
            new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
          seen.add(
              pool.submit(
                  () -> {
                    start.await();
                    // As the load generator and a first contact do: trust what was new, look again.
                    ServerTrustException first = ServerConnection.untrusted(x, known, null, A);
                    if (first != null && !first.changed()) {
                      known.trust(x, A);
                    }
                    return first != null && first.changed() ? first : null;
                  }));
        }
        for (java.util.concurrent.Future<ServerTrustException> f : seen) {
          assertThat(f.get()).as("round %d", round).isNull();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
