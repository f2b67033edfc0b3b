package dev.parley.client.sessions;

import dev.parley.client.account.Account;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.store.HistoryCalls;
import dev.parley.crypto.IdentityChange;
import java.util.UUID;

/**
 * Tells the user that a peer's identity key changed: a notice in the conversation, then the events.
 * The crypto layer already put the new identity on record, cleared the verified mark and, for a
 * verified contact, holds sending until the user accepts the new safety number.
 */
public final class IdentityNotices {
  private final ClientEvents events;
  private final Account account;

  /** Notices in {@code account}'s history, told to {@code events}. */
  public IdentityNotices(ClientEvents events, Account account) {
    this.events = events;
    this.account = account;
  }

  /** Records {@code change} and, once that is durable, announces it. */
  public void tell(IdentityChange change) {
    String peer = change.peer();
    String text =
        change.sendingHeld()
            ? "The safety number with "
                + peer
                + " changed. You had verified "
                + peer
                + ", so messages to them wait until you compare the new safety number, or accept"
                + " it."
            : "The safety number with " + peer + " changed. They may have a new device.";
    ChatMessage notice =
        HistoryCalls.get(
            () ->
                account
                    .history()
                    .addNotice(
                        peer,
                        "identity-" + UUID.randomUUID(),
                        ChatMessage.Kind.IDENTITY_CHANGED,
                        text,
                        System.currentTimeMillis()));
    // Told once it is stored: a receive batch that rolls back is delivered again, and the notice
    // would otherwise be shown twice.
    account
        .transactions()
        .committed()
        .thenRun(
            () -> {
              events.fire(l -> l.messageAdded(notice));
              events.fire(l -> l.identityChanged(peer));
              events.fire(ClientListener::contactsChanged);
            });
  }
}
