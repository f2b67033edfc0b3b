package dev.parley.server.discovery;

import dev.parley.platform.LanInterfaces;
import dev.parley.protocol.ProtocolInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.JmDNSImpl;

/**
 * Announces a running server as {@code _parley._tcp.local.} (DNS-SD over mDNS) so apps on the LAN
 * list it, with TXT records {@code name}, {@code v} (protocol version) and {@code fp} (certificate
 * fingerprint). One JmDNS responder per current address: the address source is read again every few
 * seconds, a responder is started for an address that appeared and closed for one that went, and a
 * responder JmDNS gave up on ("Could not recover we are Down!") is rebuilt. {@link #close()}
 * withdraws them all.
 */
public final class DiscoveryAnnouncer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DiscoveryAnnouncer.class.getName());

  private final String name;
  private final int port;
  private final String fingerprint;
  private final LanInterfaces.Source addresses;
  private final Map<InetAddress, JmDNS> responders = new LinkedHashMap<>();
  // Addresses whose last attempt failed: the warning is logged once per failure streak.
  private final Set<InetAddress> failing = new HashSet<>();
  private boolean sourceFailing;
  private boolean closed;
  private final ScheduledExecutorService watch =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "parley-announcer");
            t.setDaemon(true);
            return t;
          });

  private DiscoveryAnnouncer(
      String name, int port, String fingerprint, LanInterfaces.Source addresses) {
    this.name = name;
    this.port = port;
    this.fingerprint = fingerprint;
    this.addresses = addresses;
  }

  /**
   * Announces on the addresses {@code addresses} yields, read again every {@code every}. Returns at
   * once; the first announcement runs on the announcer's own thread (mDNS probing takes a moment).
   */
  public static DiscoveryAnnouncer start(
      String name, int port, String fingerprint, LanInterfaces.Source addresses, Duration every) {
    DiscoveryAnnouncer a = new DiscoveryAnnouncer(name, port, fingerprint, addresses);
    a.watch.scheduleWithFixedDelay(a::reconcile, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return a;
  }

  /**
   * Announces on every suitable LAN interface, following address changes at {@link
   * LanInterfaces#WATCH_INTERVAL}.
   */
  public static DiscoveryAnnouncer onLan(String name, int port, String fingerprint) {
    return start(
        name, port, fingerprint, LanInterfaces::suitableAddresses, LanInterfaces.WATCH_INTERVAL);
  }

  /** The addresses carrying the announcement right now. */
  public synchronized List<InetAddress> announcedOn() {
    return List.copyOf(responders.keySet());
  }

  /** True when at least one address carries the announcement. */
  public synchronized boolean isAnnouncing() {
    return !responders.isEmpty();
  }

  /** One pass: bring the responders in line with the current addresses. Never throws. */
  private synchronized void reconcile() {
    if (closed) {
      return;
    }
    Set<InetAddress> want;
    try {
      want = new LinkedHashSet<>(addresses.get());
      if (sourceFailing) {
        sourceFailing = false;
        LOG.info("the network interfaces can be read again");
      }
    } catch (RuntimeException e) {
      if (!sourceFailing) {
        sourceFailing = true;
        LOG.warning(
            "cannot read the network interfaces ("
                + e.getMessage()
                + "); the LAN announcement stays as it is and is retried every few seconds");
      }
      return;
    }
    var it = responders.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (!want.contains(e.getKey())) {
        LOG.info("address " + e.getKey().getHostAddress() + " is gone; withdrawing it");
        withdraw(e.getValue());
        it.remove();
      } else if (isDown(e.getValue())) {
        LOG.warning(
            "the mDNS responder on "
                + e.getKey().getHostAddress()
                + " stopped (the network changed under it); announcing there again");
        withdraw(e.getValue());
        it.remove();
      }
    }
    failing.retainAll(want);
    for (InetAddress address : want) {
      if (!responders.containsKey(address)) {
        announceOn(address);
      }
    }
  }

  private void announceOn(InetAddress address) {
    JmDNS jmdns = null;
    try {
      jmdns = JmDNS.create(address, "parley-" + Math.abs(name.hashCode()));
      // JmDNS calls this when its own recovery failed: rebuild at once instead of next poll.
      jmdns.setDelegate((dns, infos) -> soon());
      jmdns.registerService(
          ServiceInfo.create(
              ProtocolInfo.SERVICE_TYPE,
              name,
              port,
              0,
              0,
              Map.of(
                  "name", name,
                  "v", Integer.toString(ProtocolInfo.VERSION),
                  "fp", fingerprint)));
      responders.put(address, jmdns);
      LOG.info(
          (failing.remove(address) ? "announcing again via " : "announced on the LAN via ")
              + address.getHostAddress());
    } catch (IOException | RuntimeException e) {
      if (jmdns != null) {
        withdraw(jmdns);
      }
      if (failing.add(address)) {
        LOG.warning(
            "cannot announce on "
                + address.getHostAddress()
                + " ("
                + e
                + "); retrying every few seconds while the address exists");
      } else {
        LOG.log(Level.FINE, "announcing on " + address.getHostAddress() + " failed again", e);
      }
    }
  }

  private void soon() {
    try {
      watch.execute(this::reconcile);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // closed meanwhile: nothing to rebuild
    }
  }

  private static boolean isDown(JmDNS jmdns) {
    return jmdns instanceof JmDNSImpl impl
        && (impl.isCanceling() || impl.isCanceled() || impl.isClosing() || impl.isClosed());
  }

  private static void withdraw(JmDNS j) {
    try {
      j.unregisterAllServices();
      j.close();
    } catch (IOException | RuntimeException e) {
      LOG.fine("closing mDNS responder: " + e.getMessage());
    }
  }

  /** The responder on {@code address}, for tests that break it the way a network change does. */
  synchronized JmDNS responderOn(InetAddress address) {
    return responders.get(address);
  }

  /** Withdraws the announcement (goodbye packets) and stops the responders. */
  @Override
  public void close() {
    watch.shutdownNow();
    synchronized (this) {
      closed = true;
      responders.values().forEach(DiscoveryAnnouncer::withdraw);
      responders.clear();
    }
  }
}
