package dev.parley.client.messaging;

import dev.parley.client.account.Account;
import dev.parley.client.api.ClientListener;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.contacts.ContactBook;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.store.HistoryCalls;
import java.util.List;

/**
 * Marks conversations read and tells the senders, inside the encrypted channel and only when they
 * are this user's contacts. Client thread only.
 */
public final class ReadReceipts {
  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final ContactBook contacts;
  private final Outbox outbox;

  /** Read receipts of {@code account}, sent through {@code outbox}. */
  public ReadReceipts(
      ClientEvents events, ServerLink link, Account account, ContactBook contacts, Outbox outbox) {
    this.events = events;
    this.link = link;
    this.account = account;
    this.contacts = contacts;
    this.outbox = outbox;
  }

  /** Marks the conversation with {@code peer} (canonical) read. */
  public void markRead(String peer) {
    account.requireOpen();
    List<String> ids = HistoryCalls.get(() -> account.history().takeUnread(peer));
    if (!ids.isEmpty()) {
      // The user read what they wrote: their identity is relied on from now on.
      account.sessions().relyOn(peer);
      account.save();
    }
    // Read receipts go only to people this user added: a stranger's message must not tell the
    // stranger when it was read.
    if (!ids.isEmpty() && link.isOnline() && contacts.isContact(peer)) {
      outbox.sendControl(peer, Payload.read(ids));
    }
    events.fire(ClientListener::contactsChanged);
  }
}
