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
