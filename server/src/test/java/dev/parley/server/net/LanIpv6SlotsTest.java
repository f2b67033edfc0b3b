package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6, as an independent review found it: counting IPv6 connections per /64 treated a
 * whole LAN as one address. With SLAAC every machine on the segment shares the /64 (and every
 * machine shares fe80::/64), so one machine that opened 16 connections and never logged in refused
 * every other machine of the LAN over IPv6. Not-logged-in connections now count per full address,
 * with a much higher ceiling per /64 so that one host rotating addresses inside it is still
 * bounded.
 */
class LanIpv6SlotsTest {
  private static final int PER_ADDRESS = 16; // the default --max-anonymous-per-address
  private static final int PER_PREFIX = 256; // the default --max-anonymous-per-ipv6-prefix

  private static ConnectionSlots slots() {
    return new ConnectionSlots(10_000, 9_000, PER_ADDRESS, PER_PREFIX);
  }

  @Test
  void oneMachineOnTheLanCannotUseUpTheNotLoggedInSlotsOfAllOthers() throws Exception {
    ConnectionSlots slots = slots();
    InetAddress attacker = InetAddress.getByName("fd00::1:2ff:fe00:aaaa");
    for (int i = 0; i < PER_ADDRESS; i++) {
      assertThat(slots.admit(attacker).refusal()).isNull();
    }
    assertThat(slots.admit(attacker).refusal()).isEqualTo(ConnectionSlots.Refusal.ADDRESS_FULL);
    InetAddress neighbour = InetAddress.getByName("fd00::1:2ff:fe00:bbbb"); // another PC, same LAN
    assertThat(slots.admit(neighbour).refusal())
        .as("another machine of the same LAN, its first connection")
        .isNull();
  }

  @Test
  void linkLocalAddressesOfDifferentMachinesAreNotOneAddress() throws Exception {
    assertThat(ConnectionSlots.key(InetAddress.getByName("fe80::1%1")))
        .as("fe80::1 and fe80::2 are two machines on the link")
        .isNotEqualTo(ConnectionSlots.key(InetAddress.getByName("fe80::2%1")));
    ConnectionSlots slots = slots();
    for (int i = 0; i < PER_ADDRESS; i++) {
      assertThat(slots.admit(InetAddress.getByName("fe80::1%1")).refusal()).isNull();
    }
    assertThat(slots.admit(InetAddress.getByName("fe80::2%1")).refusal()).isNull();
  }

  @Test
  void aHostRotatingAddressesInsideOneSlash64IsStillBounded() throws Exception {
    ConnectionSlots slots = slots();
    for (int i = 0; i < PER_PREFIX; i++) {
      InetAddress rotated = InetAddress.getByName("2001:db8:0:7::" + Integer.toHexString(i + 1));
      assertThat(slots.admit(rotated).refusal()).isNull();
    }
    assertThat(slots.admit(InetAddress.getByName("2001:db8:0:7::ffff")).refusal())
        .as("a fresh address of the same /64, once the /64 has its ceiling")
        .isEqualTo(ConnectionSlots.Refusal.PREFIX_FULL);
    assertThat(slots.admit(InetAddress.getByName("2001:db8:0:8::1")).refusal())
        .as("the next /64")
        .isNull();
    assertThat(slots.admit(InetAddress.getByName("10.0.0.1")).refusal()).isNull();
  }

  @Test
  void aSlotGivesBackItsPlaceInTheSlash64() throws Exception {
    ConnectionSlots slots = new ConnectionSlots(10, 10, 2, 2);
    ConnectionSlots.Slot a = slots.admit(InetAddress.getByName("2001:db8::1"));
    ConnectionSlots.Slot b = slots.admit(InetAddress.getByName("2001:db8::2"));
    assertThat(slots.admit(InetAddress.getByName("2001:db8::3")).refusal())
        .isEqualTo(ConnectionSlots.Refusal.PREFIX_FULL);
    a.loggedIn(); // a logged-in connection is not counted against the /64
    assertThat(slots.admit(InetAddress.getByName("2001:db8::3")).refusal()).isNull();
    b.release();
    assertThat(slots.admit(InetAddress.getByName("2001:db8::4")).refusal()).isNull();
    a.loggedOut(); // counted again: the /64 is over its ceiling now
    assertThat(slots.admit(InetAddress.getByName("2001:db8::5")).refusal())
        .isEqualTo(ConnectionSlots.Refusal.PREFIX_FULL);
  }
}
