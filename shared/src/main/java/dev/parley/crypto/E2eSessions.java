package dev.parley.crypto;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The end-to-end layer as the client core uses it: start a session from a bundle, encrypt to a
 * peer, decrypt from a peer. All state lives in the {@link KeyStoreContents}; the caller saves the
 * key store after each call that changed it. Not thread-safe: the client core serialises calls.
 */
public final class E2eSessions {
  private final KeyStoreContents store;

  /** Sessions backed by {@code store}. */
  public E2eSessions(KeyStoreContents store) {
    this.store = store;
  }

  /** True when messages to {@code peer} can be encrypted without fetching a bundle. */
  public boolean hasSession(String peer) {
    return store.session(peer).map(RatchetSession::canSend).orElse(false);
  }

  /** The identity the current session with {@code peer} was agreed with. */
  public Optional<IdentityPublicKey> remoteIdentity(String peer) {
    return store.session(peer).map(RatchetSession::remoteIdentity);
  }

  /** Runs X3DH as initiator with the peer's bundle, replacing any older session. */
  public void startSession(String peer, PreKeyBundle bundle) throws InvalidBundleException {
    X3dh.Initiation init = X3dh.initiate(store.identity(), bundle);
    RatchetSession.PendingPreKey pending =
        new RatchetSession.PendingPreKey(
            init.ephemeral().publicKey(), bundle.signedPreKeyId(), bundle.oneTimePreKeyId());
    store.putSession(
        peer,
        RatchetSession.initiator(
            init.agreement(), bundle.identity(), bundle.signedPreKey(), pending));
  }

  /** Encrypts {@code plaintext} for {@code peer}; needs a session. */
  public byte[] encrypt(String peer, byte[] plaintext) {
    RatchetSession session =
        store
            .session(peer)
            .filter(RatchetSession::canSend)
            .orElseThrow(() -> new IllegalStateException("no session with " + peer));
    RatchetSession.Message m = session.encrypt(plaintext);
    RatchetSession.PendingPreKey pending = session.pendingPreKey();
    IdentityPublicKey me = pending == null ? null : store.identity().publicKey();
    return new Envelope(me, pending, m).encode();
  }

  /**
   * Decrypts an envelope from {@code peer}, starting a responder session when it carries X3DH.
   * Every kept session is tried, and the one that reads a message becomes the one to answer with:
   * after both sides started a key exchange at once, they converge on one pair of sessions without
   * losing what either sent meanwhile.
   */
  public Decrypted decrypt(String peer, byte[] envelopeBytes) throws DecryptionException {
    Envelope envelope = Envelope.decode(envelopeBytes);
    List<RatchetSession> kept = store.sessions(peer);
    if (!envelope.isPreKeyMessage()) {
      if (kept.isEmpty()) {
        throw new DecryptionException(
            DecryptionException.Reason.NO_SESSION, "no session with " + peer);
      }
      DecryptionException firstFailure = null;
      for (RatchetSession s : kept) {
        try {
          byte[] plaintext = s.decrypt(envelope.message());
          store.putSession(peer, s);
          return new Decrypted(plaintext, s.remoteIdentity(), false);
        } catch (DecryptionException e) {
          if (e.reason() == DecryptionException.Reason.DUPLICATE) {
            throw e; // this session knows the message: it was read before
          }
          firstFailure = firstFailure == null ? e : firstFailure;
        }
      }
      throw firstFailure;
    }
    RatchetSession.PendingPreKey pk = envelope.preKey();
    for (RatchetSession s : kept) {
      if (s.baseKey() != null
          && Arrays.equals(s.baseKey(), pk.ephemeralKey())
          && s.remoteIdentity().equals(envelope.senderIdentity())) {
        // The initiator repeats its X3DH parameters until it hears back: same session.
        byte[] plaintext = s.decrypt(envelope.message());
        store.putSession(peer, s);
        return new Decrypted(plaintext, s.remoteIdentity(), false);
      }
    }
    SignedPreKey spk =
        store
            .signedPreKey(pk.signedPreKeyId())
            .orElseThrow(
                () ->
                    new DecryptionException(
                        DecryptionException.Reason.UNKNOWN_PREKEY,
                        "signed prekey " + pk.signedPreKeyId() + " is not known here"));
    OneTimePreKey opk = null;
    if (pk.oneTimePreKeyId() != null) {
      opk =
          store
              .oneTimePreKey(pk.oneTimePreKeyId())
              .orElseThrow(
                  () ->
                      new DecryptionException(
                          DecryptionException.Reason.UNKNOWN_PREKEY,
                          "one-time prekey " + pk.oneTimePreKeyId() + " is unknown or used"));
    }
    X3dh.Agreement agreement;
    try {
      agreement =
          X3dh.respond(store.identity(), spk, opk, envelope.senderIdentity(), pk.ephemeralKey());
    } catch (IllegalArgumentException badKey) {
      throw new DecryptionException(
          DecryptionException.Reason.INVALID, "invalid key in prekey message", badKey);
    }
    RatchetSession fresh =
        RatchetSession.responder(
            agreement, envelope.senderIdentity(), spk.key(), pk.ephemeralKey());
    byte[] plaintext = fresh.decrypt(envelope.message());
    // Only now, with an authenticated first message, commit: use up the one-time prekey.
    if (opk != null) {
      store.removeOneTimePreKey(opk.id());
    }
    store.putSession(peer, fresh);
    return new Decrypted(plaintext, envelope.senderIdentity(), true);
  }
}
