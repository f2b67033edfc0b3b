package dev.parley.platform;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** The addresses where LAN discovery makes sense: up, multicast-capable, not loopback. */
public final class LanInterfaces {
  /**
   * How often announcers and the hosting dialog look at the interface list again: an address that
   * appears (Wi-Fi joined, DHCP renewed) is announced and shown within this time.
   */
  public static final java.time.Duration WATCH_INTERVAL = java.time.Duration.ofSeconds(3);

  /** Where the current addresses come from; production passes the methods below. */
  @FunctionalInterface
  public interface Source extends Supplier<List<InetAddress>> {}

  private LanInterfaces() {}

  /**
   * Why multicast does not work on the interface of {@code address} (a datagram sent to the mDNS
   * group does not come back), or empty when it does.
   */
  public static java.util.Optional<String> multicastProblem(InetAddress address) {
    try (java.net.MulticastSocket s = new java.net.MulticastSocket(0)) {
      NetworkInterface nif = NetworkInterface.getByInetAddress(address);
      if (nif == null || !nif.supportsMulticast()) {
        return java.util.Optional.of("the interface of " + address + " has no MULTICAST flag");
      }
      java.net.InetSocketAddress group =
          new java.net.InetSocketAddress("224.0.0.251", s.getLocalPort());
      s.setNetworkInterface(nif);
      s.joinGroup(group, nif);
      s.setSoTimeout(2000);
      byte[] probe = "parley-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      s.send(new java.net.DatagramPacket(probe, probe.length, group));
      s.receive(new java.net.DatagramPacket(new byte[64], 64));
      return java.util.Optional.empty();
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Optional.of(e.toString());
    }
  }

  /** IPv4 addresses of suitable interfaces (mDNS on IPv6 is left to the OS responder). */
  public static List<InetAddress> suitableAddresses() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback() || !nif.supportsMulticast() || nif.isPointToPoint()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a instanceof Inet4Address) {
            out.add(a);
          }
        }
      }
    } catch (SocketException e) {
      return List.of();
    }
    return out;
  }

  /**
   * Addresses others on the LAN can connect to: every address of an up, non-loopback, non-virtual
   * interface (IPv4 first), without link-local IPv6 (unusable without a zone).
   *
   * @throws java.io.UncheckedIOException when the interface list cannot be read
   */
  public static List<InetAddress> connectableAddresses() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback() || nif.isVirtual()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            continue;
          }
          if (a instanceof Inet6Address && a.isLinkLocalAddress()) {
            continue;
          }
          out.add(a);
        }
      }
    } catch (SocketException e) {
      throw new java.io.UncheckedIOException("cannot list network interfaces", e);
    }
    out.sort((a, b) -> Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address));
    return out;
  }
}
