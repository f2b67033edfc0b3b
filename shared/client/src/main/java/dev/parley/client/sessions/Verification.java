package dev.parley.client.sessions;

import dev.parley.client.account.Account;
import dev.parley.client.api.ClientListener;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.crypto.IdentityMismatchException;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.SafetyNumber;

/**
 * The user's decisions about a peer's identity: the safety number shown, a verified mark set or
 * cleared, a changed safety number accepted. Each decision holds only for the identity that was
 * shown. Client thread only.
 */
public final class Verification {
  private final ClientEvents events;
  private final Account account;

  /** Decisions recorded in {@code account}'s key store. */
  public Verification(ClientEvents events, Account account) {
    this.events = events;
    this.account = account;
  }

  /** The safety number of the conversation with {@code peer}, which must have a session. */
  public SafetyNumber safetyNumber(String peer) {
    return SafetyNumber.of(
        account.user(),
        account.identity(),
        peer,
        account.sessions().remoteIdentity(peer).orElseThrow());
  }

  /**
   * Marks {@code peer} verified after the user compared {@code compared}, or unmarks it ({@code
   * compared} may then be null); fails with {@link IdentityMismatchException} when that is no
   * longer the safety number.
   */
  public void setVerified(String peer, SafetyNumber compared, boolean verified) {
    account.requireOpen();
    IdentityPublicKey onRecord = identityShownAs(peer, verified ? compared : null);
    account.sessions().setVerified(peer, onRecord, verified);
    account.save();
    events.fire(ClientListener::contactsChanged);
  }

  /**
   * Accepts the changed safety number of {@code peer}, the one shown as {@code shown}; fails with
   * {@link IdentityMismatchException} when another key is on record by now.
   */
  public void accept(String peer, SafetyNumber shown) {
    account.requireOpen();
    account.sessions().acceptIdentity(peer, identityShownAs(peer, shown));
    account.save();
    events.fire(ClientListener::contactsChanged);
  }

  /**
   * The identity on record for {@code peer} if its safety number is {@code shown} (any, when {@code
   * shown} is null); else {@link IdentityMismatchException}.
   */
  private IdentityPublicKey identityShownAs(String peer, SafetyNumber shown) {
    IdentityPublicKey onRecord =
        account
            .sessions()
            .remoteIdentity(peer)
            .orElseThrow(
                () ->
                    new IdentityMismatchException(
                        peer, "there is no safety number yet; open it first"));
    if (shown != null
        && !SafetyNumber.of(account.user(), account.identity(), peer, onRecord).equals(shown)) {
      throw new IdentityMismatchException(peer, "it changed while you were looking at it");
    }
    return onRecord;
  }
}
