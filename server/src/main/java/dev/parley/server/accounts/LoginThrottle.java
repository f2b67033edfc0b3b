package dev.parley.server.accounts;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Limits password guesses per (address, account) and per address, so that the guesser is locked out
 * and not the account's owner (docs/PROTOCOL.md §5). An attempt is reserved atomically when it
 * starts, before its bcrypt check, and settled when the check is done: parallel attempts cannot
 * overrun a limit. Nothing is counted per account alone, because any such limit would let anyone
 * lock anyone out. Thread-safe.
 */
public final class LoginThrottle {
  private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

  /** Failures are forgotten after this long without a new one (and without a running lock). */
  public static final long WINDOW_MILLIS = 15 * 60 * 1000;

  /** The first lock; each further failure while over the limit doubles it. */
  public static final long FIRST_LOCK_MILLIS = 30_000;

  /** The longest lock. */
  public static final long MAX_LOCK_MILLIS = 15 * 60 * 1000;

  /**
   * The {@code retryAfterMs} of an attempt refused because the budget is taken by attempts still
   * being checked: they end within about one bcrypt check.
   */
  public static final long IN_FLIGHT_RETRY_MILLIS = 1_000;

  // Each address adds at most its address limit of pair entries per window, so this is reached
  // only by thousands of addresses; then the least recently used entries are forgotten.
  private static final int MAX_ENTRIES = 100_000;

  private static final class Entry {
    final int limit;
    int failures;
    int inFlight;
    long lastFailure;
    long lockedUntil;

    Entry(int limit) {
      this.limit = limit;
    }

    /** Forgets failures once the window has passed without a new one and no lock runs. */
    void expire(long now) {
      if (failures > 0 && now - lastFailure > WINDOW_MILLIS && now >= lockedUntil) {
        failures = 0;
        lockedUntil = 0;
      }
    }

    /** Milliseconds until a new attempt may start; 0 when it may now. */
    long refusedFor(long now) {
      if (now < lockedUntil) {
        return lockedUntil - now;
      }
      // Under the limit: the rest of the budget may be in flight at once. Over it (after a lock
      // ran out): one attempt at a time, each failure locking again for twice as long.
      int allowed = failures < limit ? limit - failures : 1;
      return inFlight >= allowed ? IN_FLIGHT_RETRY_MILLIS : 0;
    }

    /** Counts a failure; returns the lock it starts, 0 if none. */
    long fail(long now) {
      inFlight = Math.max(0, inFlight - 1);
      expire(now);
      failures++;
      lastFailure = now;
      if (failures < limit) {
        return 0;
      }
      long lock = Math.min(MAX_LOCK_MILLIS, FIRST_LOCK_MILLIS << Math.min(failures - limit, 10));
      lockedUntil = Math.max(lockedUntil, now + lock);
      return lock;
    }

    boolean idle() {
      return inFlight == 0 && failures == 0;
    }
  }

  private final int addressLimit;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          // An entry with attempts in flight is kept: its attempt still has to settle on it.
          return size() > MAX_ENTRIES && eldest.getValue().inFlight == 0;
        }
      };

  /** A throttle allowing {@code addressLimit} failures per address across all accounts. */
  public LoginThrottle(int addressLimit) {
    if (addressLimit < 1) {
      throw new IllegalArgumentException("addressLimit must be positive");
    }
    this.addressLimit = addressLimit;
  }

  /**
   * Reserves one guess at {@code username}'s password from {@code address}, or refuses it with
   * {@code rate_limited}. The caller must settle the attempt exactly once.
   */
  public synchronized Attempt begin(String username, String address, long now)
      throws ProtocolException {
    String pairKey = "p:" + address + " " + username;
    String addressKey = "a:" + address;
    Entry pair = live(pairKey, now);
    Entry addr = live(addressKey, now);
    long wait =
        Math.max(pair == null ? 0 : pair.refusedFor(now), addr == null ? 0 : addr.refusedFor(now));
    if (wait > 0) {
      throw new ProtocolException(
          ErrorCode.RATE_LIMITED, "Too many failed attempts; wait and try again.", List.of(), wait);
    }
    // Refused attempts create no entries: only attempts that reach a check use memory.
    pair = entries.computeIfAbsent(pairKey, k -> new Entry(Limits.LOGIN_FAILURES_PER_ACCOUNT));
    addr = entries.computeIfAbsent(addressKey, k -> new Entry(addressLimit));
    pair.inFlight++;
    addr.inFlight++;
    return new Attempt(pairKey, pair, addressKey, addr, username, address);
  }

  private Entry live(String key, long now) {
    Entry e = entries.get(key);
    if (e != null) {
      e.expire(now);
      if (e.idle()) {
        entries.remove(key);
        return null;
      }
    }
    return e;
  }

  private void forget(String key, Entry e) {
    if (e.idle() && entries.get(key) == e) {
      entries.remove(key);
    }
  }

  /** One reserved guess; settle it with exactly one of its methods (later calls do nothing). */
  public final class Attempt {
    private final String pairKey;
    private final Entry pair;
    private final String addressKey;
    private final Entry addr;
    private final String username;
    private final String address;
    private boolean settled;

    private Attempt(
        String pairKey,
        Entry pair,
        String addressKey,
        Entry addr,
        String username,
        String address) {
      this.pairKey = pairKey;
      this.pair = pair;
      this.addressKey = addressKey;
      this.addr = addr;
      this.username = username;
      this.address = address;
    }

    /**
     * The secret was right: frees the reservation and forgives this address's failures on this
     * account. The address keeps its failures on other accounts, or one account of its own would
     * let it guess at everybody else's without end.
     */
    public void succeeded() {
      synchronized (LoginThrottle.this) {
        if (settle()) {
          pair.inFlight = Math.max(0, pair.inFlight - 1);
          pair.failures = 0;
          pair.lockedUntil = 0;
          addr.inFlight = Math.max(0, addr.inFlight - 1);
          forget(pairKey, pair);
          forget(addressKey, addr);
        }
      }
    }

    /** The secret was wrong: the reservation becomes a counted failure. */
    public void failed(long now) {
      synchronized (LoginThrottle.this) {
        if (settle()) {
          long pairLock = pair.fail(now);
          long addressLock = addr.fail(now);
          // Only valid usernames reach the throttle, so they are safe to log.
          if (addressLock > 0) {
            LOG.info(
                "logins from "
                    + address
                    + " locked for "
                    + addressLock / 1000
                    + " s after "
                    + addr.failures
                    + " failures");
          } else if (pairLock > 0) {
            LOG.info(
                "logins to '"
                    + username
                    + "' from "
                    + address
                    + " locked for "
                    + pairLock / 1000
                    + " s after "
                    + pair.failures
                    + " failures");
          }
        }
      }
    }

    /**
     * No secret was checked (the server was busy, the account must upgrade ...): counts nothing.
     */
    public void release() {
      synchronized (LoginThrottle.this) {
        if (settle()) {
          pair.inFlight = Math.max(0, pair.inFlight - 1);
          addr.inFlight = Math.max(0, addr.inFlight - 1);
          forget(pairKey, pair);
          forget(addressKey, addr);
        }
      }
    }

    private boolean settle() {
      if (settled) {
        return false;
      }
      settled = true;
      return true;
    }
  }
}
