package dev.parley.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.net.KnownServers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recent server is remembered by its identity and offered where it was reached last. */
class RecentServerTest {
  static final String FP =
      "E2:AC:FD:A1:4E:1B:87:5F:F6:03:4F:15:31:09:5E:BA:99:4B:13:63:4C:5F:9E:F9:30:A2:B6:64:26:74:39:48";
  static final ServerAddress OLD = ServerAddress.parse("192.0.2.5:5417");
  static final ServerAddress NEW = ServerAddress.parse("192.0.2.9:5417");

  @TempDir Path dir;

  @Test
  void anEntryIsReadBackAsWritten() {
    RecentServer r = new RecentServer("Office", OLD, FP);
    assertThat(RecentServer.parse(r.line())).isEqualTo(r);
    assertThat(RecentServer.parse(new RecentServer("", OLD, "").line()))
        .isEqualTo(new RecentServer("", OLD, ""));
  }

  @Test
  void anEntryOfAnEarlierVersionIsIdentifiedByThePinAtItsAddress() {
    KnownServers known = new KnownServers(dir.resolve("known_servers"));
    known.trust(OLD, FP);
    known.reached(OLD, FP, "Office");

    RecentServer upgraded = RecentServer.parse(OLD.toString()).current(known);
    assertThat(upgraded).isEqualTo(new RecentServer("Office", OLD, FP));
    assertThat(RecentServer.parse("198.51.100.1:5417").current(known).fingerprint()).isEmpty();
  }

  @Test
  void aServerReachedAtANewAddressIsOfferedThereUnderItsLatestName() {
    KnownServers known = new KnownServers(dir.resolve("known_servers"));
    known.trust(OLD, FP);
    known.reached(OLD, FP, "Office");
    RecentServer remembered = new RecentServer("Office", OLD, FP);
    // Reached since at a new address (from the LAN list, say), renamed by its admin.
    known.reached(NEW, FP, "Office upstairs");

    RecentServer now = remembered.current(known);
    assertThat(now.address()).isEqualTo(NEW);
    assertThat(now.name()).isEqualTo("Office upstairs");
    assertThat(now.sameServer(remembered)).isTrue();
    assertThat(now.sameServer(new RecentServer("Office", NEW, ""))).isTrue();
    assertThat(now.sameServer(new RecentServer("Office", OLD, "AA:" + FP.substring(3)))).isFalse();
  }
}
