package dev.parley.server.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts connections against three limits: all of them ({@code maxConnections}), those not logged
 * in from one address, and those not logged in from all addresses together, which may never use the
 * slots reserved for logged-in users. A connection holds one {@link Slot} from accept to close and
 * moves it between "anonymous" and "logged in" as it logs in and out. Thread-safe: connections live
 * on different event loops.
 */
final class ConnectionSlots {
  /**
   * At most one log line about refused connections per this period (a flood must not fill logs).
   */
  static final long REFUSAL_LOG_PERIOD_NANOS = 1_000_000_000L;

  private final int maxTotal;
  private final int maxAnonymous;
  private final int maxAnonymousPerAddress;
  private int total;
  private int anonymous;
  private final Map<String, Integer> anonymousByAddress = new HashMap<>();
  private long lastRefusalLog = Long.MIN_VALUE;
  private int refusalsNotLogged;

  ConnectionSlots(int maxTotal, int maxAnonymous, int maxAnonymousPerAddress) {
    this.maxTotal = maxTotal;
    this.maxAnonymous = maxAnonymous;
    this.maxAnonymousPerAddress = maxAnonymousPerAddress;
  }

  /** Why a new connection was refused. */
  enum Refusal {
    /** Every connection slot is taken. */
    FULL,
    /** The not-logged-in connections have used all slots they may (the rest are reserved). */
    ANONYMOUS_FULL,
    /** This address already has its share of not-logged-in connections. */
    ADDRESS_FULL
  }

  /**
   * A slot for a new, not yet logged-in connection from {@code address}; when there is none, a slot
   * that holds nothing and says why ({@link Slot#refusal()}).
   */
  synchronized Slot admit(InetAddress address) {
    String key = key(address);
    Refusal refusal = null;
    if (total >= maxTotal) {
      refusal = Refusal.FULL;
    } else if (anonymous >= maxAnonymous) {
      refusal = Refusal.ANONYMOUS_FULL;
    } else if (anonymousByAddress.getOrDefault(key, 0) >= maxAnonymousPerAddress) {
      refusal = Refusal.ADDRESS_FULL;
    }
    if (refusal != null) {
      return new Slot(key, refusal);
    }
    total++;
    addAnonymous(key, 1);
    return new Slot(key, null);
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

  private void addAnonymous(String key, int delta) {
    anonymous += delta;
    anonymousByAddress.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
  }

  /**
   * The address a connection is counted under: an IPv4 address itself, an IPv6 address by its /64
   * network (one host may pick any address in its /64), an IPv4-mapped IPv6 address as IPv4.
   */
  static String key(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] a = address.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= a[i] == 0;
      }
      if (mapped && a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
        try {
          return Inet4Address.getByAddress(Arrays.copyOfRange(a, 12, 16)).getHostAddress();
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e); // four bytes are always an IPv4 address
        }
      }
      Arrays.fill(a, 8, 16, (byte) 0);
      try {
        return InetAddress.getByAddress(a).getHostAddress() + "/64";
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return address.getHostAddress();
  }

  /** One connection's place in the counts; every method is idempotent. */
  final class Slot {
    private final String key;
    private final Refusal refusal;
    private boolean loggedIn;
    private boolean released;

    private Slot(String key, Refusal refusal) {
      this.key = key;
      this.refusal = refusal;
      this.released = refusal != null; // a refused connection holds nothing
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
          addAnonymous(key, -1);
        }
      }
    }

    /**
     * The connection logged out and stays open: it counts as anonymous again, even if that takes
     * its address (or all anonymous ones) over the bound; new connections are then refused.
     */
    void loggedOut() {
      synchronized (ConnectionSlots.this) {
        if (!released && loggedIn) {
          loggedIn = false;
          addAnonymous(key, 1);
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
          addAnonymous(key, -1);
        }
      }
    }
  }
}
