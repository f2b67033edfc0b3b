package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The counting behind the connection limits (the protocol-level tests are in it/). */
class ConnectionSlotsTest {

  @Test
  void ipv6CountsPerFullAddressAndMappedIpv4AsIpv4() throws Exception {
    assertThat(ConnectionSlots.key(InetAddress.getByName("2001:db8:1:2:aaaa::1")))
        .isNotEqualTo(ConnectionSlots.key(InetAddress.getByName("2001:db8:1:2:ffff:1:2:3")));
    assertThat(ConnectionSlots.key(InetAddress.getByName("2001:db8:1:2::1")))
        .isEqualTo(ConnectionSlots.key(InetAddress.getByName("2001:db8:1:2:0:0:0:1")));
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 10;
    mapped[15] = 7;
    assertThat(ConnectionSlots.key(java.net.Inet6Address.getByAddress(null, mapped, -1)))
        .isEqualTo("10.0.0.7");
    assertThat(ConnectionSlots.key(InetAddress.getByName("10.0.0.7"))).isEqualTo("10.0.0.7");
  }

  @Test
  void everyTransitionIsCountedOnceWhateverTheOrder() throws Exception {
    InetAddress a = InetAddress.getByName("10.0.0.1");
    ConnectionSlots slots = new ConnectionSlots(3, 2, 1, 256);
    ConnectionSlots.Slot first = slots.admit(a);
    assertThat(first.refusal()).isNull();
    assertThat(slots.admit(a).refusal()).isEqualTo(ConnectionSlots.Refusal.ADDRESS_FULL);
    first.loggedIn();
    first.loggedIn(); // twice counts once
    ConnectionSlots.Slot second = slots.admit(a);
    assertThat(second.refusal()).isNull();
    first.loggedOut();
    first.loggedOut();
    assertThat(slots.admit(InetAddress.getByName("10.0.0.2")).refusal())
        .as("two not logged in: the anonymous share is used up")
        .isEqualTo(ConnectionSlots.Refusal.ANONYMOUS_FULL);
    first.release();
    first.release();
    second.loggedIn();
    second.release();
    second.loggedOut(); // after release: nothing
    // Everything given back: three fresh addresses fit the anonymous share of two, then FULL.
    assertThat(slots.admit(InetAddress.getByName("10.0.0.3")).refusal()).isNull();
    ConnectionSlots.Slot user = slots.admit(InetAddress.getByName("10.0.0.4"));
    user.loggedIn();
    assertThat(slots.admit(InetAddress.getByName("10.0.0.5")).refusal()).isNull();
    assertThat(slots.admit(InetAddress.getByName("10.0.0.6")).refusal())
        .isEqualTo(ConnectionSlots.Refusal.FULL);
    // A refused slot holds nothing: releasing it changes nothing.
    ConnectionSlots.Slot refused = slots.admit(InetAddress.getByName("10.0.0.6"));
    refused.release();
    assertThat(slots.admit(InetAddress.getByName("10.0.0.6")).refusal())
        .isEqualTo(ConnectionSlots.Refusal.FULL);
  }

  @Test
  void refusalsAreLoggedAtMostOncePerPeriodWithACount() {
    ConnectionSlots slots = new ConnectionSlots(1, 1, 1, 256);
    long p = ConnectionSlots.REFUSAL_LOG_PERIOD_NANOS;
    assertThat(slots.refusalsToLog(0)).isEqualTo(1);
    assertThat(slots.refusalsToLog(1)).isZero();
    assertThat(slots.refusalsToLog(p - 1)).isZero();
    assertThat(slots.refusalsToLog(p)).isEqualTo(3);
    assertThat(slots.refusalsToLog(3 * p)).isEqualTo(1);
  }
}
