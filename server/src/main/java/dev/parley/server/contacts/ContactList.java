package dev.parley.server.contacts;

import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.AddContactRequest;
import dev.parley.protocol.frame.ContactInfo;
import dev.parley.protocol.frame.ContactOk;
import dev.parley.protocol.frame.ContactsOk;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.ListContactsRequest;
import dev.parley.protocol.frame.RemoveContactRequest;
import dev.parley.server.session.Presence;
import dev.parley.server.store.Contact;
import dev.parley.server.store.ContactStore;
import java.util.concurrent.CompletableFuture;

/**
 * Contact lists ({@code add_contact}, {@code remove_contact}, {@code list_contacts}). A pair that
 * becomes or stops being mutual changes what {@link Presence} shows each side.
 */
public final class ContactList {
  private final ContactStore store;
  private final Presence presence;

  /** Contact lists in {@code store}, their presence through {@code presence}. */
  public ContactList(ContactStore store, Presence presence) {
    this.store = store;
    this.presence = presence;
  }

  /** {@code add_contact} from {@code me}. */
  public CompletableFuture<ContactOk> add(String me, AddContactRequest r) throws ProtocolException {
    String who = r.user();
    if (who.equals(me)) {
      throw ProtocolException.badRequest("You cannot add yourself.");
    }
    return store
        .addContact(me, who, System.currentTimeMillis())
        .thenApply(
            change -> {
              if (change.becameMutual()) {
                presence.pairFormed(me, who);
              }
              return new ContactOk(r.id(), info(change.contact()));
            });
  }

  /** {@code remove_contact} from {@code me}. */
  public CompletableFuture<EmptyOk> remove(String me, RemoveContactRequest r) {
    String who = r.user();
    return store
        .removeContact(me, who)
        .thenApply(
            brokePair -> {
              if (brokePair) {
                presence.pairBroken(me, who);
              }
              return new EmptyOk(r.id());
            });
  }

  /** {@code list_contacts} of {@code me}. */
  public CompletableFuture<ContactsOk> list(String me, ListContactsRequest r) {
    return store
        .contacts(me)
        .thenApply(contacts -> new ContactsOk(r.id(), contacts.stream().map(this::info).toList()));
  }

  /** A contact as answered: presence only within a mutual pair (else always offline). */
  private ContactInfo info(Contact contact) {
    return new ContactInfo(
        contact.user(), presence.shownOnline(contact.user(), contact.mutual()), contact.mutual());
  }
}
