package dev.parley.server.keys;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.BundleOk;
import dev.parley.protocol.frame.FetchBundleRequest;
import dev.parley.protocol.frame.KeysLowEvent;
import dev.parley.protocol.frame.KeysOk;
import dev.parley.protocol.frame.PublishKeysRequest;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.session.Deliveries;
import dev.parley.server.session.Endpoint;
import dev.parley.server.store.Bundle;
import dev.parley.server.store.KeyUpload;
import dev.parley.server.store.PrekeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The prekey directory: users publish their identity, signed prekey and one-time prekeys ({@code
 * publish_keys}); others fetch a bundle to start a session ({@code fetch_bundle}); owners running
 * short are told {@code keys_low}.
 */
public final class PrekeyDirectory {
  private final PrekeyStore store;
  private final BundleLimits limits;
  private final Deliveries deliveries;

  /** The directory over {@code store}, with the fetch allowances of {@code config}. */
  public PrekeyDirectory(PrekeyStore store, ServerConfig config, Deliveries deliveries) {
    this.store = store;
    this.limits = new BundleLimits(config);
    this.deliveries = deliveries;
  }

  /** {@code publish_keys} from {@code user}: answers how many one-time prekeys are held. */
  public CompletableFuture<KeysOk> publish(String user, PublishKeysRequest r) {
    KeyUpload upload =
        new KeyUpload(r.identityDh(), r.identitySign(), r.signedPreKey(), r.oneTimePreKeys());
    return store
        .publishKeys(user, upload, System.currentTimeMillis())
        .thenApply(count -> new KeysOk(r.id(), count));
  }

  /** {@code fetch_bundle} from {@code requester}, within its fetch allowance. */
  public CompletableFuture<BundleOk> fetchBundle(String requester, FetchBundleRequest r)
      throws ProtocolException {
    String who = r.user();
    long wait = limits.fetchWait(requester);
    if (wait > 0) {
      throw new ProtocolException(
          ErrorCode.RATE_LIMITED,
          "Too many key bundle requests; wait and try again.",
          List.of(),
          wait);
    }
    return store
        .fetchBundle(who, limits::mayHandOutOneTime, deliveries::isOnline)
        .thenApply(
            b -> {
              if (b.lowNotice()) {
                deliveries.event(who, new KeysLowEvent(b.remaining()), false);
              }
              return bundleOk(r.id(), b);
            });
  }

  /**
   * Sends {@code keys_low} to {@code session} after {@code name} logged in, when its one-time
   * prekeys run short and it was not told since it last refilled (see {@link
   * PrekeyStore#fetchBundle}).
   */
  public void checkAfterLogin(String name, Endpoint session) {
    store
        .claimKeysLowNotice(name)
        .thenAccept(
            count -> {
              if (count >= 0) {
                session.sendEvent(new KeysLowEvent(count), false);
              }
            });
  }

  private static BundleOk bundleOk(String re, Bundle b) {
    return new BundleOk(
        re, b.user(), b.identityDh(), b.identitySign(), b.signedPreKey(), b.oneTime());
  }
}
