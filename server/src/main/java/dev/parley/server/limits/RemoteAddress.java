package dev.parley.server.limits;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Where a connection comes from, as every per-address limit counts it (docs/PROTOCOL.md §4, §5).
 *
 * @param address the full address: IPv4 as is, IPv6 all 128 bits (with its scope for a link-local
 *     one), an IPv4-mapped IPv6 address as the IPv4 address. Login failures, registrations,
 *     not-logged-in connections and hashing work are counted per this.
 * @param network the address for IPv4, the /64 for IPv6: what one host that rotates its IPv6
 *     addresses (privacy extensions, or any address of a /64 it was routed) still shares, and what
 *     a SLAAC LAN shares too. Only ceilings far above one host's needs are counted per this.
 */
public record RemoteAddress(String address, String network) {
  /** For a connection whose remote address is unknown (not an IP socket). */
  public static final RemoteAddress UNKNOWN = new RemoteAddress("?", "?");

  /** The keys of {@code a}; {@link #UNKNOWN} for null. */
  public static RemoteAddress of(InetAddress a) {
    if (a == null) {
      return UNKNOWN;
    }
    if (a instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      if (isMappedIpv4(b)) {
        String v4 = ipv4(Arrays.copyOfRange(b, 12, 16));
        return new RemoteAddress(v4, v4);
      }
      Arrays.fill(b, 8, 16, (byte) 0);
      // Link-local addresses of different links are different networks.
      String scope = v6.getScopeId() != 0 ? "%" + v6.getScopeId() : "";
      return new RemoteAddress(v6.getHostAddress(), ipv6(b) + scope + "/64");
    }
    String v4 = a.getHostAddress();
    return new RemoteAddress(v4, v4);
  }

  /** True for a key of IPv6 addresses' /64 rather than of one address. */
  public boolean isIpv6() {
    return network.endsWith("/64");
  }

  private static boolean isMappedIpv4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static String ipv4(byte[] four) {
    try {
      return Inet4Address.getByAddress(four).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an IPv4 address
    }
  }

  private static String ipv6(byte[] sixteen) {
    try {
      return Inet6Address.getByAddress(null, sixteen, -1).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // sixteen bytes are always an IPv6 address
    }
  }
}
