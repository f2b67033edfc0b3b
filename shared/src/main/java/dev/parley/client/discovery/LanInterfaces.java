package dev.parley.client.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The addresses where LAN discovery makes sense: up, multicast-capable, not loopback. */
public final class LanInterfaces {
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
}
