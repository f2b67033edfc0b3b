package dev.parley.server.keys;

import dev.parley.server.config.ServerConfig;
import dev.parley.server.limits.KeyedRateLimiter;

/**
 * The two allowances on {@code fetch_bundle} (issue 12, item 3). A normal client needs a bundle
 * once per new session, but each fetch uses up one of the owner's one-time prekeys, and an owner
 * told {@code keys_low} publishes more. So:
 *
 * <ul>
 *   <li>each requester has a fetch rate; beyond it the answer is {@code rate_limited};
 *   <li>each owner has a rate at which its one-time prekeys are handed out; beyond it bundles go
 *       out without one (X3DH works without it). Refusing there instead would let anyone stop
 *       everyone else from starting a session with that owner.
 * </ul>
 */
final class BundleLimits {
  private final KeyedRateLimiter requesters;
  private final KeyedRateLimiter handouts;

  BundleLimits(ServerConfig config) {
    requesters = new KeyedRateLimiter(config.bundleFetchesPerMinute(), config.bundleFetchBurst());
    handouts = new KeyedRateLimiter(config.prekeyHandoutsPerMinute(), config.prekeyHandoutBurst());
  }

  /** Takes one fetch from {@code requester}'s allowance: 0, or milliseconds to wait. */
  long fetchWait(String requester) {
    return requesters.take(requester, System.nanoTime());
  }

  /** True (and counted) when one more of {@code owner}'s one-time prekeys may be handed out. */
  boolean mayHandOutOneTime(String owner) {
    return handouts.tryTake(owner, System.nanoTime());
  }
}
