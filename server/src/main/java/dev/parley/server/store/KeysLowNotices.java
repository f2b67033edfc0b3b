package dev.parley.server.store;

import java.util.HashSet;
import java.util.Set;

/**
 * The users told {@code keys_low} since their one-time prekey count last reached the threshold, so
 * each refill earns one notice, not one per fetch. Writer-thread only.
 */
final class KeysLowNotices {
  private final Set<String> told = new HashSet<>();

  /** True when {@code user} was told since its last refill. */
  boolean told(String user) {
    return told.contains(user);
  }

  /** Counts {@code user} as told; true when it was not before. */
  boolean tell(String user) {
    return told.add(user);
  }

  /** {@code user} refilled (or is gone): the next shortage is told again. */
  void rearm(String user) {
    told.remove(user);
  }

  /** Forgets everyone told. */
  void clear() {
    told.clear();
  }
}
