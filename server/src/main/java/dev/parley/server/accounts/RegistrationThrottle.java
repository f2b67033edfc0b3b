package dev.parley.server.accounts;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * At most a fixed number of account creations per remote address in any hour (a sliding window). A
 * registration is reserved when it starts, so parallel ones cannot overrun the limit, and kept once
 * its password was hashed; one refused before any hashing (the name was taken, the server was busy)
 * gives its place back. Thread-safe.
 */
public final class RegistrationThrottle {
  /** The sliding window the limit applies to. */
  public static final long WINDOW_MILLIS = 60 * 60 * 1000;

  /** The {@code retryAfterMs} when the allowance is taken by registrations still running. */
  public static final long IN_FLIGHT_RETRY_MILLIS = 1_000;

  private static final int MAX_ADDRESSES = 100_000;

  private static final class Entry {
    final ArrayDeque<Long> kept = new ArrayDeque<>();
    int inFlight;

    void expire(long now) {
      while (!kept.isEmpty() && now - kept.peekFirst() >= WINDOW_MILLIS) {
        kept.pollFirst();
      }
    }
  }

  private final int limit;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ADDRESSES && eldest.getValue().inFlight == 0;
        }
      };

  /** A throttle allowing {@code limit} registrations per address per hour. */
  public RegistrationThrottle(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    this.limit = limit;
  }

  /** Reserves one registration from {@code address}, or refuses it with {@code rate_limited}. */
  public synchronized Slot begin(String address, long now) throws ProtocolException {
    Entry e = entries.computeIfAbsent(address, k -> new Entry());
    e.expire(now);
    if (e.kept.size() + e.inFlight >= limit) {
      long wait =
          e.kept.size() >= limit
              ? e.kept.peekFirst() + WINDOW_MILLIS - now
              : IN_FLIGHT_RETRY_MILLIS;
      throw new ProtocolException(
          ErrorCode.RATE_LIMITED,
          "Too many new accounts from this address; try again later.",
          List.of(),
          Math.max(1, wait));
    }
    e.inFlight++;
    return new Slot(address, e);
  }

  /** One reserved registration; settle it with {@link #keep} or {@link #release}. */
  public final class Slot {
    private final String address;
    private final Entry entry;
    private boolean settled;

    private Slot(String address, Entry entry) {
      this.address = address;
      this.entry = entry;
    }

    /** A password was hashed for it: it counts for the next hour. */
    public void keep(long now) {
      synchronized (RegistrationThrottle.this) {
        if (!settled) {
          settled = true;
          entry.inFlight--;
          entry.kept.addLast(now);
          entries.putIfAbsent(address, entry);
        }
      }
    }

    /** Nothing was hashed: the place is given back. */
    public void release() {
      synchronized (RegistrationThrottle.this) {
        if (!settled) {
          settled = true;
          entry.inFlight--;
          if (entry.inFlight == 0 && entry.kept.isEmpty() && entries.get(address) == entry) {
            entries.remove(address);
          }
        }
      }
    }
  }
}
