package dev.parley.client.discovery;

import dev.parley.platform.LanInterfaces;
import dev.parley.protocol.CertificateFingerprint;
import dev.parley.protocol.ProtocolInfo;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/**
 * Keeps a live list of Parley servers announced on the LAN. Listeners are called with the whole new
 * list on one dedicated thread ({@code parley-discovery}), never on JmDNS's threads; a UI marshals
 * onto its own thread.
 */
public final class LanServerBrowser implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LanServerBrowser.class.getName());

  private final List<JmDNS> browsers = new ArrayList<>();
  private final Map<String, LanServer> servers = new ConcurrentHashMap<>();
  private final List<Consumer<List<LanServer>>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService events =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "parley-discovery");
            t.setDaemon(true);
            return t;
          });

  private LanServerBrowser() {}

  /** Starts browsing on {@code addresses} (empty: every suitable LAN interface). */
  public static LanServerBrowser start(List<InetAddress> addresses) {
    LanServerBrowser b = new LanServerBrowser();
    List<InetAddress> where = addresses.isEmpty() ? LanInterfaces.suitableAddresses() : addresses;
    for (InetAddress address : where) {
      try {
        JmDNS jmdns = JmDNS.create(address, "parley-browser");
        jmdns.addServiceListener(ProtocolInfo.SERVICE_TYPE, b.new Listener());
        b.browsers.add(jmdns);
        // Also ask once actively: a listener alone can miss a server whose announcements went
        // out before it started and that only answers queries.
        Thread seed =
            new Thread(
                () -> {
                  for (ServiceInfo info : jmdns.list(ProtocolInfo.SERVICE_TYPE, 6_000)) {
                    b.resolved(info);
                  }
                },
                "parley-discovery-seed");
        seed.setDaemon(true);
        seed.start();
      } catch (IOException | RuntimeException e) {
        LOG.warning("cannot browse on " + address.getHostAddress() + ": " + e.getMessage());
      }
    }
    return b;
  }

  /** Calls {@code listener} with the full list whenever it changes. */
  public void onChange(Consumer<List<LanServer>> listener) {
    listeners.add(listener);
    events.execute(() -> listener.accept(snapshot()));
  }

  /** The servers seen now, sorted by name. */
  public List<LanServer> snapshot() {
    List<LanServer> out = new ArrayList<>(servers.values());
    out.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
    return out;
  }

  private void changed() {
    List<LanServer> now = snapshot();
    events.execute(() -> listeners.forEach(l -> l.accept(now)));
  }

  /** Reads an announcement; a malformed fingerprint is dropped rather than shown. */
  static LanServer parse(ServiceInfo info) {
    String name = info.getPropertyString("name");
    if (name == null || name.isBlank() || name.length() > 64) {
      name = info.getName();
    }
    String fp = CertificateFingerprint.normalise(info.getPropertyString("fp"));
    int version = 0;
    try {
      version = Integer.parseInt(String.valueOf(info.getPropertyString("v")));
    } catch (NumberFormatException ignored) {
      // unknown version
    }
    List<String> hosts =
        Arrays.stream(info.getInetAddresses())
            .sorted((a, b) -> Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address))
            .map(InetAddress::getHostAddress)
            .distinct()
            .toList();
    return new LanServer(info.getName(), name, hosts, info.getPort(), fp, version);
  }

  private void resolved(ServiceInfo info) {
    if (info == null || info.getPort() <= 0 || info.getInetAddresses().length == 0) {
      return;
    }
    LanServer fresh = parse(info);
    LanServer merged =
        servers.merge(
            fresh.instance(),
            fresh,
            // A partial answer (no TXT yet) must not wipe what a full one already told us.
            (old, now) ->
                now.fingerprint() != null || old.fingerprint() == null
                    ? now
                    : new LanServer(
                        now.instance(),
                        old.name(),
                        now.hosts(),
                        now.port(),
                        old.fingerprint(),
                        old.version()));
    if (merged == fresh || !merged.equals(fresh)) {
      changed();
    }
  }

  private final class Listener implements ServiceListener {
    @Override
    public void serviceAdded(ServiceEvent e) {
      e.getDNS().requestServiceInfo(e.getType(), e.getName(), 2_000);
    }

    @Override
    public void serviceRemoved(ServiceEvent e) {
      if (servers.remove(e.getName()) != null) {
        changed();
      }
    }

    @Override
    public void serviceResolved(ServiceEvent e) {
      resolved(e.getInfo());
    }
  }

  /** Stops browsing. */
  @Override
  public void close() {
    for (JmDNS j : browsers) {
      try {
        j.close();
      } catch (IOException e) {
        LOG.fine("closing mDNS browser: " + e.getMessage());
      }
    }
    browsers.clear();
    events.shutdown();
  }
}
