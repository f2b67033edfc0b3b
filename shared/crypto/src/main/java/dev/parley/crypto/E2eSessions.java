package dev.parley.crypto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The end-to-end layer as the client core uses it: start a session from a bundle, encrypt to a
 * peer, decrypt from a peer. All state lives in the {@link KeyStoreContents}; the caller saves the
 * key store after each call that changed it. Not thread-safe: the client core serialises calls.
 *
 * <p>It keeps one invariant for every path in: <b>no session is created or made current for a peer
 * under an identity other than the one on record except through the key-change flow</b>, which puts
 * the new identity on record, clears the verified mark, holds sending if the old key was verified,
 * and reports an {@link IdentityChange} the caller must show. Ephemeral notices (typing) never take
 * part in it: they may only use an existing session under the identity on record.
 */
public final class E2eSessions {
  /** What an envelope is allowed to do to the trust state. */
  public enum Channel {
    /**
     * A stored message: may start a session and, through the key-change flow, change the identity
     * on record.
     */
    DURABLE,
    /** An ephemeral notice (typing): existing sessions under the identity on record only. */
    EPHEMERAL
  }

  private final KeyStoreContents store;

  /** Sessions backed by {@code store}. */
  public E2eSessions(KeyStoreContents store) {
    this.store = store;
  }

  /** The key state these sessions live in. */
  public KeyStoreContents store() {
    return store;
  }

  /** True when messages to {@code peer} can be encrypted without fetching a bundle. */
  public boolean hasSession(String peer) {
    return store
        .session(peer)
        .filter(s -> trusted(peer, s))
        .map(RatchetSession::canSend)
        .orElse(false);
  }

  /** The identity on record for {@code peer}, which the current session was agreed with. */
  public Optional<IdentityPublicKey> remoteIdentity(String peer) {
    return store.trust(peer).map(PeerTrust::identity);
  }

  /** What is on record for {@code peer}. */
  public Optional<PeerTrust> trust(String peer) {
    return store.trust(peer);
  }

  /** True when sending to {@code peer} waits for the user to accept a changed safety number. */
  public boolean isHeld(String peer) {
    return store.trust(peer).map(PeerTrust::held).orElse(false);
  }

  /**
   * Marks the identity on record for {@code peer} verified (after the user compared the safety
   * number made from {@code compared}) or not. Verifying also accepts it, releasing held messages.
   *
   * @throws IdentityMismatchException when verifying and another identity is on record by now (a
   *     key arrived after the user compared): the user must compare again
   */
  public void setVerified(String peer, IdentityPublicKey compared, boolean verified) {
    PeerTrust t = requireOnRecord(peer, verified ? compared : null);
    store.putTrust(peer, new PeerTrust(t.identity(), verified, !verified && t.held()));
  }

  /**
   * The user accepted the changed safety number of {@code peer}, the one made from {@code shown},
   * without verifying it: held messages may go.
   *
   * @throws IdentityMismatchException when another identity is on record by now
   */
  public void acceptIdentity(String peer, IdentityPublicKey shown) {
    PeerTrust t = requireOnRecord(peer, shown);
    store.putTrust(peer, new PeerTrust(t.identity(), t.verified(), false));
  }

  private PeerTrust requireOnRecord(String peer, IdentityPublicKey expected) {
    PeerTrust t =
        store
            .trust(peer)
            .orElseThrow(() -> new IdentityMismatchException(peer, "no identity is on record"));
    if (expected != null && !t.identity().equals(expected)) {
      throw new IdentityMismatchException(peer, "another identity is on record by now");
    }
    return t;
  }

  /**
   * The user relies on {@code peer}'s identity (a contact, or someone whose messages they read):
   * its record is never made room for, so a later key for the peer always comes with a notice.
   */
  public void relyOn(String peer) {
    store.markEngaged(peer);
  }

  /**
   * Runs X3DH as initiator with the peer's bundle, replacing the current session. A bundle under
   * another identity than the one on record goes through the key-change flow (returned).
   */
  public Optional<IdentityChange> startSession(String peer, PreKeyBundle bundle)
      throws InvalidBundleException {
    if (!store.hasRoomForPeer(peer)) {
      throw new IllegalStateException(
          "this device keeps at most " + KeyStoreContents.MAX_TRUSTED_PEERS + " peers");
    }
    X3dh.Initiation init = X3dh.initiate(store.identity(), bundle);
    RatchetSession.PendingPreKey pending =
        new RatchetSession.PendingPreKey(
            init.ephemeral().publicKey(), bundle.signedPreKeyId(), bundle.oneTimePreKeyId());
    RatchetSession session =
        RatchetSession.initiator(
            init.agreement(), bundle.identity(), bundle.signedPreKey(), pending);
    IdentityChange change = recordIdentity(peer, bundle.identity());
    store.putSession(peer, session);
    return Optional.ofNullable(change);
  }

  /**
   * Encrypts {@code plaintext} for {@code peer}; needs a session under the identity on record.
   *
   * @throws SendingHeldException when the peer's verified identity changed and was not accepted
   */
  public byte[] encrypt(String peer, byte[] plaintext) {
    if (isHeld(peer)) {
      throw new SendingHeldException(peer);
    }
    RatchetSession session =
        store
            .session(peer)
            .filter(RatchetSession::canSend)
            .filter(s -> trusted(peer, s))
            .orElseThrow(() -> new IllegalStateException("no session with " + peer));
    RatchetSession.Message m = session.encrypt(plaintext);
    store.markEngaged(peer);
    RatchetSession.PendingPreKey pending = session.pendingPreKey();
    IdentityPublicKey me = pending == null ? null : store.identity().publicKey();
    return new Envelope(me, pending, m).encode();
  }

  /** Decrypts a stored message from {@code peer} ({@link Channel#DURABLE}). */
  public Decrypted decrypt(String peer, byte[] envelopeBytes) throws DecryptionException {
    return decrypt(peer, envelopeBytes, Channel.DURABLE);
  }

  /** Like {@link #decrypt(String, byte[], Channel, Predicate)}, accepting any plaintext. */
  public Decrypted decrypt(String peer, byte[] envelopeBytes, Channel channel)
      throws DecryptionException {
    return decrypt(peer, envelopeBytes, channel, plaintext -> true);
  }

  /**
   * Decrypts an envelope from {@code peer}, starting a responder session when it carries X3DH and
   * the channel allows it. Nothing changes unless {@code accept} takes the plaintext: a typing
   * channel accepts only typing notices, so an envelope meant as a message cannot be used up there
   * (the stored message would then read as a duplicate). Every kept session is tried, those under
   * the identity on record first, and the one that reads a message becomes the one to answer with:
   * after both sides started a key exchange at once, they converge on one pair of sessions without
   * losing what either sent meanwhile. A replayed X3DH message is refused even after its session
   * was evicted.
   */
  public Decrypted decrypt(
      String peer, byte[] envelopeBytes, Channel channel, Predicate<byte[]> accept)
      throws DecryptionException {
    Envelope envelope = Envelope.decode(envelopeBytes);
    List<RatchetSession> candidates = candidates(peer, channel);
    if (!envelope.isPreKeyMessage()) {
      if (candidates.isEmpty()) {
        throw new DecryptionException(
            DecryptionException.Reason.NO_SESSION, "no session with " + peer);
      }
      DecryptionException firstFailure = null;
      for (RatchetSession s : candidates) {
        try {
          RatchetSession.Attempt attempt = s.tryDecrypt(envelope.message());
          requireAccepted(accept, attempt.plaintext());
          s.commit(attempt);
          return adopt(peer, s, attempt.plaintext(), false);
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
    for (RatchetSession s : candidates) {
      if (s.baseKey() != null
          && Arrays.equals(s.baseKey(), pk.ephemeralKey())
          && s.remoteIdentity().equals(envelope.senderIdentity())) {
        // The initiator repeats its X3DH parameters until it hears back: same session.
        RatchetSession.Attempt attempt = s.tryDecrypt(envelope.message());
        requireAccepted(accept, attempt.plaintext());
        s.commit(attempt);
        return adopt(peer, s, attempt.plaintext(), false);
      }
    }
    if (channel == Channel.EPHEMERAL) {
      throw new DecryptionException(
          DecryptionException.Reason.UNTRUSTED_IDENTITY,
          "an ephemeral notice cannot start a session with " + peer);
    }
    if (store.seenBaseKey(pk.signedPreKeyId(), pk.ephemeralKey())) {
      throw new DecryptionException(
          DecryptionException.Reason.DUPLICATE, "this key exchange was accepted before (replay)");
    }
    if (store.baseKeyCount(pk.signedPreKeyId())
        >= KeyStoreContents.MAX_BASE_KEYS_PER_SIGNED_PREKEY) {
      throw new DecryptionException(
          DecryptionException.Reason.UNKNOWN_PREKEY,
          "signed prekey " + pk.signedPreKeyId() + " takes no more new sessions");
    }
    requireRoomFor(peer);
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
    requireAccepted(accept, plaintext);
    // Only now, with an authenticated first message, commit: use up the one-time prekey and
    // remember the base key so the same message can never start a session again.
    if (opk != null) {
      store.removeOneTimePreKey(opk.id());
    }
    store.recordBaseKey(pk.signedPreKeyId(), pk.ephemeralKey());
    return adopt(peer, fresh, plaintext, true);
  }

  private static void requireAccepted(Predicate<byte[]> accept, byte[] plaintext)
      throws DecryptionException {
    if (!accept.test(plaintext)) {
      throw new DecryptionException(
          DecryptionException.Reason.INVALID, "not what this channel carries; nothing changed");
    }
  }

  /**
   * The sessions an envelope on {@code channel} may use, those under the identity on record first.
   */
  private List<RatchetSession> candidates(String peer, Channel channel) {
    List<RatchetSession> trustedFirst = new ArrayList<>();
    List<RatchetSession> others = new ArrayList<>();
    for (RatchetSession s : store.sessions(peer)) {
      (trusted(peer, s) ? trustedFirst : others).add(s);
    }
    if (channel == Channel.DURABLE) {
      trustedFirst.addAll(others);
    }
    return trustedFirst;
  }

  /** Makes {@code s}, which just decrypted a message, current, through the key-change flow. */
  private Decrypted adopt(String peer, RatchetSession s, byte[] plaintext, boolean fresh) {
    IdentityChange change = recordIdentity(peer, s.remoteIdentity());
    store.putSession(peer, s);
    return new Decrypted(plaintext, s.remoteIdentity(), fresh, change);
  }

  /**
   * Puts {@code identity} on record for {@code peer}: silently on first contact, through the
   * key-change flow when another identity was on record.
   */
  private IdentityChange recordIdentity(String peer, IdentityPublicKey identity) {
    Optional<PeerTrust> before = store.trust(peer);
    if (before.isEmpty()) {
      store.putTrust(peer, new PeerTrust(identity, false, false));
      return null;
    }
    if (before.get().identity().equals(identity)) {
      return null;
    }
    PeerTrust after = before.get().changedTo(identity);
    store.putTrust(peer, after);
    return new IdentityChange(
        peer, before.get().identity(), identity, before.get().verified(), after.held());
  }

  private boolean trusted(String peer, RatchetSession s) {
    return store.trust(peer).map(t -> t.identity().equals(s.remoteIdentity())).orElse(false);
  }

  private void requireRoomFor(String peer) throws DecryptionException {
    if (!store.hasRoomForPeer(peer)) {
      throw new DecryptionException(
          DecryptionException.Reason.TOO_MANY_PEERS,
          "this device keeps at most " + KeyStoreContents.MAX_TRUSTED_PEERS + " peers");
    }
  }
}
