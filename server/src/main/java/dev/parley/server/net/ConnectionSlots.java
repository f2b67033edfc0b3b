package dev.parley.server.net;

import dev.parley.server.limits.RemoteAddress;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts connections against four limits: all of them ({@code maxConnections}), those not logged in
 * from one address (the full address, see {@link RemoteAddress}), those not logged in from one IPv6
 * /64 together (a higher ceiling: every machine of a SLAAC LAN shares its /64, but one host that
 * rotates addresses within it must still be bounded), and those not logged in from all addresses
 * together, which may never use the slots reserved for logged-in users. A connection holds one
 * {@link Slot} from accept to close and moves it between "anonymous" and "logged in" as it logs in
 * and out. Thread-safe: connections live on different event loops.
 */
final class ConnectionSlots {
  /**
   * At most one log line about refused connections per this period (a flood must not fill logs).
   */
  static final long REFUSAL_LOG_PERIOD_NANOS = 1_000_000_000L;

  private final int maxTotal;
  private final int maxAnonymous;
  private final int maxAnonymousPerAddress;
  private final int maxAnonymousPerPrefix;
  private int total;
  private int anonymous;
  private final Map<String, Integer> anonymousByAddress = new HashMap<>();
  private final Map<String, Integer> anonymousByPrefix = new HashMap<>();
  private long lastRefusalLog = Long.MIN_VALUE;
  private int refusalsNotLogged;

  ConnectionSlots(
      int maxTotal, int maxAnonymous, int maxAnonymousPerAddress, int maxAnonymousPerPrefix) {
    this.maxTotal = maxTotal;
    this.maxAnonymous = maxAnonymous;
    this.maxAnonymousPerAddress = maxAnonymousPerAddress;
    this.maxAnonymousPerPrefix = maxAnonymousPerPrefix;
  }

  /** Why a new connection was refused. */
  enum Refusal {
    /** Every connection slot is taken. */
    FULL("at the connection limit"),
    /** The not-logged-in connections have used all slots they may (the rest are reserved). */
    ANONYMOUS_FULL("the connections not logged in have used all slots they may"),
    /** This address already has its share of not-logged-in connections. */
    ADDRESS_FULL("too many connections not logged in from this address"),
    /** This address's IPv6 /64 already has its share of not-logged-in connections. */
    PREFIX_FULL("too many connections not logged in from this address's IPv6 /64");

    private final String reason;

    Refusal(String reason) {
      this.reason = reason;
    }

    /** Why the connection was refused, as logged. */
    String reason() {
      return reason;
    }
  }

  /**
   * A slot for a new, not yet logged-in connection from {@code address}; when there is none, a slot
   * that holds nothing and says why ({@link Slot#refusal()}).
   */
  synchronized Slot admit(InetAddress address) {
    RemoteAddress from = RemoteAddress.of(address);
    String key = from.address();
    String prefix = from.isIpv6() ? from.network() : null;
    Refusal refusal = null;
    if (total >= maxTotal) {
      refusal = Refusal.FULL;
    } else if (anonymous >= maxAnonymous) {
      refusal = Refusal.ANONYMOUS_FULL;
    } else if (anonymousByAddress.getOrDefault(key, 0) >= maxAnonymousPerAddress) {
      refusal = Refusal.ADDRESS_FULL;
    } else if (prefix != null
        && anonymousByPrefix.getOrDefault(prefix, 0) >= maxAnonymousPerPrefix) {
      refusal = Refusal.PREFIX_FULL;
    }
    if (refusal != null) {
      return new Slot(key, prefix, refusal);
    }
    total++;
    Slot slot = new Slot(key, prefix, null);
    slot.addAnonymous(1);
    return slot;
  }

  /**
   * Call once per refused connection: how many refusals to report in a log line now (this one and
   * those kept quiet since the last line), or 0 when this one is to be kept quiet.
   */
  synchronized int refusalsToLog(long nowNanos) {
    refusalsNotLogged++;
    if (lastRefusalLog != Long.MIN_VALUE && nowNanos - lastRefusalLog < REFUSAL_LOG_PERIOD_NANOS) {
      return 0;
    }
    lastRefusalLog = nowNanos;
    int n = refusalsNotLogged;
    refusalsNotLogged = 0;
    return n;
  }

  /** The full address a connection is counted under (see {@link RemoteAddress#address()}). */
  static String key(InetAddress address) {
    return RemoteAddress.of(address).address();
  }

  private static void count(Map<String, Integer> counts, String key, int delta) {
    counts.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
  }

  /** One connection's place in the counts; every method is idempotent. */
  final class Slot {
    private final String key;
    private final String prefix;
    private final Refusal refusal;
    private boolean loggedIn;
    private boolean released;

    private Slot(String key, String prefix, Refusal refusal) {
      this.key = key;
      this.prefix = prefix;
      this.refusal = refusal;
      this.released = refusal != null; // a refused connection holds nothing
    }

    private void addAnonymous(int delta) {
      anonymous += delta;
      count(anonymousByAddress, key, delta);
      if (prefix != null) {
        count(anonymousByPrefix, prefix, delta);
      }
    }

    /** Why the connection was refused, or null when it holds a slot. */
    Refusal refusal() {
      return refusal;
    }

    /** The connection logged in: it no longer counts as anonymous. */
    void loggedIn() {
      synchronized (ConnectionSlots.this) {
        if (!released && !loggedIn) {
          loggedIn = true;
          addAnonymous(-1);
        }
      }
    }

    /**
     * The connection logged out and stays open: it counts as anonymous again, even if that takes
     * its address, its /64 (or all anonymous ones) over the bound; new connections are then
     * refused.
     */
    void loggedOut() {
      synchronized (ConnectionSlots.this) {
        if (!released && loggedIn) {
          loggedIn = false;
          addAnonymous(1);
        }
      }
    }

    /** The connection closed. */
    void release() {
      synchronized (ConnectionSlots.this) {
        if (released) {
          return;
        }
        released = true;
        total--;
        if (!loggedIn) {
          addAnonymous(-1);
        }
      }
    }
  }
}
