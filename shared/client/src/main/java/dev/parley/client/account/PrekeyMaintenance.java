package dev.parley.client.account;

import dev.parley.client.connection.ServerLink;
import dev.parley.client.runtime.ClientThread;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.OneTimePreKey;
import dev.parley.crypto.PublishedKeys;
import dev.parley.protocol.frame.KeysLowEvent;
import dev.parley.protocol.frame.KeysOk;
import dev.parley.protocol.frame.PublishKeysRequest;
import dev.parley.protocol.frame.SignedPreKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps this device's prekeys on the server usable: publishes the bundle, rotates the signed prekey
 * when it is due, and tops up the one-time prekeys when the server runs short. Client thread only.
 */
public final class PrekeyMaintenance {
  private static final long SIGNED_PREKEY_MAX_AGE = 7L * 24 * 3600 * 1000;
  // However often a server says keys_low, one-time prekeys are generated at most this often.
  private static final long MIN_REFILL_INTERVAL_MILLIS = 10_000;

  private final ClientThread thread;
  private final ServerLink link;
  private final Account account;
  private long lastRefillAt = -MIN_REFILL_INTERVAL_MILLIS;
  private boolean refillScheduled;

  /** Upkeep of {@code account}'s prekeys over {@code link}. */
  public PrekeyMaintenance(ClientThread thread, ServerLink link, Account account) {
    this.thread = thread;
    this.link = link;
    this.account = account;
  }

  /**
   * Publishes the identity, the signed prekey and {@code oneTime} once the keys are durable (a
   * published prekey whose private half could be lost would make first messages unreadable);
   * completes with the number of one-time prekeys the server holds now.
   */
  public CompletableFuture<Integer> publish(List<OneTimePreKey> oneTime) {
    return account.transactions().committed().thenComposeAsync(v -> publishNow(oneTime), thread);
  }

  private CompletableFuture<Integer> publishNow(List<OneTimePreKey> oneTime) {
    PublishedKeys k = account.keys().publishedKeys(oneTime);
    SignedPreKey spk =
        new SignedPreKey(k.signedPreKeyId(), k.signedPreKey(), k.signedPreKeySignature());
    List<dev.parley.protocol.frame.OneTimePreKey> otks =
        k.oneTimePreKeys().stream()
            .map(o -> new dev.parley.protocol.frame.OneTimePreKey(o.id(), o.key()))
            .toList();
    return link.send(
            id -> new PublishKeysRequest(id, k.identity().dh(), k.identity().sign(), spk, otks),
            KeysOk.class)
        .thenApply(KeysOk::oneTimePreKeys);
  }

  /** Rotates the signed prekey when it is old or has started many sessions; true if it did. */
  public boolean rotateIfDue() {
    KeyStoreContents keys = account.keys();
    long now = System.currentTimeMillis();
    if (now - keys.currentSignedPreKey().createdAtMillis() > SIGNED_PREKEY_MAX_AGE
        || keys.needsSignedPreKeyRotation()) {
      keys.rotateSignedPreKey(now);
      account.save();
      return true;
    }
    return false;
  }

  /**
   * Publishes just enough one-time prekeys for the server to hold a full pool again. The local
   * store is capped ({@link KeyStoreContents#MAX_ONE_TIME_PREKEYS}), so no number of bundle fetches
   * by others, or {@code keys_low} events from a hostile server, can grow it.
   */
  public CompletableFuture<Void> topUp(int onServer) {
    List<OneTimePreKey> fresh = account.keys().topUpOneTimePreKeys(onServer);
    if (fresh.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    lastRefillAt = System.currentTimeMillis();
    account.save();
    return publish(fresh).thenApply(n -> null);
  }

  /** The server says the one-time prekeys run short: top up, but never more often than allowed. */
  public void onKeysLow(KeysLowEvent e) {
    int remaining = e.remaining();
    long wait = lastRefillAt + MIN_REFILL_INTERVAL_MILLIS - System.currentTimeMillis();
    if (wait > 0) {
      if (!refillScheduled) {
        refillScheduled = true;
        thread.schedule(
            () -> {
              refillScheduled = false;
              if (link.isOnline()) {
                publish(List.of()).thenComposeAsync(this::topUp, thread);
              }
            },
            wait);
      }
      return;
    }
    topUp(remaining);
  }
}
