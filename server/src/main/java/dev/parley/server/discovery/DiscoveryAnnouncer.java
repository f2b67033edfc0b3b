package dev.parley.server.discovery;

import dev.parley.client.discovery.LanInterfaces;
import dev.parley.protocol.ProtocolInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Announces a running server as {@code _parley._tcp.local.} (DNS-SD over mDNS) so apps on the LAN
 * list it, with TXT records {@code name}, {@code v} (protocol version) and {@code fp} (certificate
 * fingerprint). One JmDNS responder per chosen address; {@link #close()} withdraws them.
 */
public final class DiscoveryAnnouncer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DiscoveryAnnouncer.class.getName());

  private final List<JmDNS> responders = new ArrayList<>();

  private DiscoveryAnnouncer() {}

  /**
   * Announces on {@code addresses} (empty: every suitable LAN interface). Takes a few seconds (mDNS
   * probing); call it off any latency-sensitive thread.
   */
  public static DiscoveryAnnouncer announce(
      String name, int port, String fingerprint, List<InetAddress> addresses) {
    DiscoveryAnnouncer a = new DiscoveryAnnouncer();
    List<InetAddress> where = addresses.isEmpty() ? LanInterfaces.suitableAddresses() : addresses;
    for (InetAddress address : where) {
      try {
        JmDNS jmdns = JmDNS.create(address, "parley-" + Math.abs(name.hashCode()));
        ServiceInfo info =
            ServiceInfo.create(
                ProtocolInfo.SERVICE_TYPE,
                name,
                port,
                0,
                0,
                Map.of(
                    "name", name,
                    "v", Integer.toString(ProtocolInfo.VERSION),
                    "fp", fingerprint));
        jmdns.registerService(info);
        a.responders.add(jmdns);
        LOG.info("announced on the LAN via " + address.getHostAddress());
      } catch (IOException | RuntimeException e) {
        LOG.warning("cannot announce on " + address.getHostAddress() + ": " + e.getMessage());
      }
    }
    return a;
  }

  /** True when at least one interface carries the announcement. */
  public boolean isAnnouncing() {
    return !responders.isEmpty();
  }

  /** Withdraws the announcement (goodbye packets) and stops the responders. */
  @Override
  public void close() {
    for (JmDNS j : responders) {
      try {
        j.unregisterAllServices();
        j.close();
      } catch (IOException | RuntimeException e) {
        LOG.fine("closing mDNS responder: " + e.getMessage());
      }
    }
    responders.clear();
  }
}
