package dev.parley.client.sessions;

import dev.parley.client.account.Account;
import dev.parley.client.api.InvalidPeerKeysException;
import dev.parley.client.api.MalformedServerFrameException;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.runtime.ClientThread;
import dev.parley.crypto.IdentityChange;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.InvalidBundleException;
import dev.parley.crypto.PreKeyBundle;
import dev.parley.platform.Futures;
import dev.parley.protocol.frame.BundleOk;
import dev.parley.protocol.frame.FetchBundleRequest;
import dev.parley.protocol.frame.OneTimePreKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts end-to-end sessions with peers: fetches a peer's prekey bundle when there is no session
 * yet, runs X3DH on it and, when that changed the identity on record, has the change told. Client
 * thread only.
 */
public final class PeerSessions {
  private final ClientThread thread;
  private final ServerLink link;
  private final Account account;
  private final IdentityNotices notices;

  /** Sessions of {@code account}, bundles fetched over {@code link}. */
  public PeerSessions(
      ClientThread thread, ServerLink link, Account account, IdentityNotices notices) {
    this.thread = thread;
    this.link = link;
    this.account = account;
    this.notices = notices;
  }

  /** Makes sure a session with {@code peer} exists, fetching its bundle when needed. */
  public CompletableFuture<Void> ensure(String peer) {
    if (account.sessions().hasSession(peer)) {
      return CompletableFuture.completedFuture(null);
    }
    return link.send(id -> new FetchBundleRequest(id, peer), BundleOk.class)
        .exceptionally(
            e -> {
              Throwable cause = Futures.unwrap(e);
              if (cause instanceof MalformedServerFrameException bad) {
                // Malformed keys are bad keys: retrying would fetch the same again.
                throw new InvalidPeerKeysException(peer, bad);
              }
              throw e instanceof CompletionException c ? c : new CompletionException(cause);
            })
        .thenAcceptAsync(
            b -> {
              try {
                Optional<IdentityChange> change = account.sessions().startSession(peer, bundle(b));
                account.save();
                change.ifPresent(notices::tell);
              } catch (InvalidBundleException e) {
                // Not a connection problem: retrying would fetch the same bad keys.
                throw new InvalidPeerKeysException(peer, e);
              }
            },
            thread);
  }

  private static PreKeyBundle bundle(BundleOk b) {
    OneTimePreKey otk = b.oneTimePreKey();
    return new PreKeyBundle(
        new IdentityPublicKey(b.identityDh(), b.identitySign()),
        b.signedPreKey().id(),
        b.signedPreKey().key(),
        b.signedPreKey().signature(),
        otk == null ? null : otk.id(),
        otk == null ? null : otk.key());
  }
}
