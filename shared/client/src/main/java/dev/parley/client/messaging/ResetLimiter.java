package dev.parley.client.messaging;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How often this device may restart a session with a peer whose message it cannot read. A restart
 * costs a bundle fetch, an X3DH and a send: at most once per peer every 10 minutes and a few a
 * minute in all, whatever a (hostile) server sends. Client thread only.
 */
final class ResetLimiter {
  static final long PER_PEER_INTERVAL_MILLIS = 10 * 60_000;
  static final int MAX_PER_MINUTE = 10;
  private static final int MAX_PEERS_REMEMBERED = 1_000;

  private final LongSupplier clock;
  private final Map<String, Long> lastResetAt = new HashMap<>();
  private final ArrayDeque<Long> recentResets = new ArrayDeque<>();

  ResetLimiter(LongSupplier clock) {
    this.clock = clock;
  }

  /** True (and counted) if a restart with {@code peer} may happen now. */
  boolean allow(String peer) {
    long now = clock.getAsLong();
    Long last = lastResetAt.get(peer);
    if (last != null && now - last < PER_PEER_INTERVAL_MILLIS) {
      return false;
    }
    recentResets.removeIf(t -> now - t > 60_000);
    if (recentResets.size() >= MAX_PER_MINUTE) {
      return false;
    }
    if (lastResetAt.size() >= MAX_PEERS_REMEMBERED) {
      lastResetAt.clear();
    }
    lastResetAt.put(peer, now);
    recentResets.add(now);
    return true;
  }
}
