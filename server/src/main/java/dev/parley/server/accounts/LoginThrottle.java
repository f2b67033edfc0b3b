package dev.parley.server.accounts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed logins per username and per remote address. Each failure delays the answer a little
 * more; past a threshold further attempts are refused with {@code rate_limited} until the lock-out
 * ends. Entries expire after a quiet window. Thread-safe.
 */
public final class LoginThrottle {
  /** Failures per username before attempts are refused. */
  public static final int USER_LIMIT = 5;

  /** Failures per address before attempts are refused. */
  public static final int ADDRESS_LIMIT = 20;

  private static final long WINDOW_MILLIS = 15 * 60 * 1000;
  private static final long MAX_LOCK_MILLIS = 15 * 60 * 1000;
  private static final long MAX_DELAY_MILLIS = 2_000;
  private static final int MAX_ENTRIES = 100_000;

  private static final class Entry {
    int failures;
    long lastFailure;
    long lockedUntil;
  }

  private final Map<String, Entry> entries =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** Milliseconds until the username or address may try again; 0 when it may now. */
  public synchronized long retryAfter(String username, String address, long now) {
    return Math.max(lockedFor("u:" + username, now), lockedFor("a:" + address, now));
  }

  private long lockedFor(String key, long now) {
    Entry e = entries.get(key);
    if (e == null) {
      return 0;
    }
    if (now - e.lastFailure > WINDOW_MILLIS && now >= e.lockedUntil) {
      entries.remove(key);
      return 0;
    }
    return Math.max(0, e.lockedUntil - now);
  }

  /** Records a failure; returns how long to delay the {@code bad_credentials} answer. */
  public synchronized long recordFailure(String username, String address, long now) {
    int userFailures = fail("u:" + username, USER_LIMIT, now);
    int addressFailures = fail("a:" + address, ADDRESS_LIMIT, now);
    int n = Math.max(userFailures, addressFailures);
    return Math.min(MAX_DELAY_MILLIS, 100L << Math.min(n - 1, 10));
  }

  private int fail(String key, int limit, long now) {
    Entry e = entries.computeIfAbsent(key, k -> new Entry());
    if (now - e.lastFailure > WINDOW_MILLIS && now >= e.lockedUntil) {
      e.failures = 0;
    }
    e.failures++;
    e.lastFailure = now;
    if (e.failures >= limit) {
      // Each failure past the limit doubles the lock-out: 30 s, 1 min, 2 min ... up to 15 min.
      int over = Math.min(e.failures - limit, 10);
      e.lockedUntil = now + Math.min(MAX_LOCK_MILLIS, 30_000L << over);
    }
    return e.failures;
  }

  /** Forgets the username's failures after a successful login (the address keeps its count). */
  public synchronized void recordSuccess(String username) {
    entries.remove("u:" + username);
  }
}
