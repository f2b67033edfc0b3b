package dev.parley.client.sessions;

import com.google.gson.JsonObject;
import dev.parley.client.InvalidPeerKeysException;
import dev.parley.client.account.Account;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.runtime.ClientThread;
import dev.parley.crypto.IdentityChange;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.InvalidBundleException;
import dev.parley.crypto.PreKeyBundle;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.ProtocolException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
    JsonObject req = new JsonObject();
    req.addProperty("user", peer);
    return link.request(FrameType.FETCH_BUNDLE, req)
        .thenAcceptAsync(
            b -> {
              try {
                PreKeyBundle bundle = bundle(b);
                Optional<IdentityChange> change = account.sessions().startSession(peer, bundle);
                account.save();
                change.ifPresent(notices::tell);
              } catch (InvalidBundleException | ProtocolException e) {
                // Not a connection problem: retrying would fetch the same bad keys.
                throw new InvalidPeerKeysException(peer, e);
              }
            },
            thread);
  }

  private static PreKeyBundle bundle(JsonObject b) throws ProtocolException {
    JsonObject spk = Fields.object(b, "signedPreKey");
    Integer otkId = null;
    byte[] otk = null;
    if (b.has("oneTimePreKey")) {
      JsonObject o = Fields.object(b, "oneTimePreKey");
      otkId = (int) Fields.integer(o, "id", 0, Integer.MAX_VALUE);
      otk = Fields.bytesExactly(o, "key", 32);
    }
    return new PreKeyBundle(
        new IdentityPublicKey(
            Fields.bytesExactly(b, "identityDh", 32), Fields.bytesExactly(b, "identitySign", 32)),
        (int) Fields.integer(spk, "id", 0, Integer.MAX_VALUE),
        Fields.bytesExactly(spk, "key", 32),
        Fields.bytesExactly(spk, "signature", 64),
        otkId,
        otk);
  }
}
