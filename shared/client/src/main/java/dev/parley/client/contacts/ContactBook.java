package dev.parley.client.contacts;

import dev.parley.client.account.Account;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.Contact;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.runtime.ClientThread;
import dev.parley.client.store.HistoryCalls;
import dev.parley.crypto.PeerTrust;
import dev.parley.protocol.frame.AddContactRequest;
import dev.parley.protocol.frame.ContactInfo;
import dev.parley.protocol.frame.ContactOk;
import dev.parley.protocol.frame.ContactsOk;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.ListContactsRequest;
import dev.parley.protocol.frame.PresenceEvent;
import dev.parley.protocol.frame.RemoveContactRequest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This user's contacts: the server-side list (kept in the history too), who of them is online and
 * who has this user as a contact as well. Client thread only.
 */
public final class ContactBook {
  private final ClientThread thread;
  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final Map<String, Boolean> presence = new ConcurrentHashMap<>();
  // For each contact on this user's server-side list: whether it has this user as a contact too
  // (servers before mutual presence: true). Peers only known from a message are not in it.
  private final Map<String, Boolean> mutual = new ConcurrentHashMap<>();
  // False until the server's list came this session: until then the local list is shown as it is
  // (a contact is not shown as "not in your contacts" while a backlog arrives before the list).
  private volatile boolean synced;

  /** The contacts of {@code account}, kept in step over {@code link}. */
  public ContactBook(ClientThread thread, ClientEvents events, ServerLink link, Account account) {
    this.thread = thread;
    this.events = events;
    this.link = link;
    this.account = account;
  }

  /** True if {@code name} is on this user's server-side contact list. */
  public boolean isContact(String name) {
    return mutual.containsKey(name);
  }

  /** Forgets presence and the list (the session ended). */
  public void clear() {
    presence.clear();
    mutual.clear();
    synced = false;
  }

  /** Fetches the server's list, which replaces what was known. */
  public CompletableFuture<Void> sync() {
    return link.send(ListContactsRequest::new, ContactsOk.class)
        .thenAcceptAsync(
            ok -> {
              try {
                // The server's list replaces what was known: a contact removed elsewhere is
                // no longer one here (no presence, no read receipts).
                mutual.clear();
                presence.clear();
                for (ContactInfo c : ok.contacts()) {
                  account.history().addContact(c.user(), System.currentTimeMillis());
                  presence.put(c.user(), c.online());
                  mutual.put(c.user(), c.mutual());
                  account.sessions().relyOn(c.user());
                }
                synced = true;
              } catch (SQLException ex) {
                throw new CompletionException(ex);
              }
              events.fire(ClientListener::contactsChanged);
            },
            thread);
  }

  /** Adds {@code who} (canonical) on the server and here; fails with {@code unknown_user}. */
  public CompletableFuture<Contact> add(String who) {
    account.requireOpen();
    link.requireOpen();
    return link.send(id -> new AddContactRequest(id, who), ContactOk.class)
        .thenApplyAsync(
            ok -> {
              boolean online = ok.contact().online();
              presence.put(who, online);
              mutual.put(who, ok.contact().mutual());
              account.sessions().relyOn(who);
              HistoryCalls.run(() -> account.history().addContact(who, System.currentTimeMillis()));
              events.fire(ClientListener::contactsChanged);
              return contact(who, online);
            },
            thread);
  }

  /** Removes {@code who} (canonical) on the server and here; the conversation stays. */
  public CompletableFuture<Void> remove(String who) {
    account.requireOpen();
    link.requireOpen();
    return link.send(id -> new RemoveContactRequest(id, who), EmptyOk.class)
        .thenRunAsync(
            () -> {
              HistoryCalls.run(() -> account.history().removeContact(who));
              presence.remove(who);
              mutual.remove(who);
              events.fire(ClientListener::contactsChanged);
            },
            thread);
  }

  /** The contacts with presence and verified marks. */
  public List<Contact> list() {
    account.requireOpen();
    List<Contact> out = new ArrayList<>();
    // Without a live connection nobody's presence is known: none is shown online.
    boolean live = link.isOnline();
    for (String n : HistoryCalls.get(account.history()::contactNames)) {
      out.add(contact(n, live && presence.getOrDefault(n, false)));
    }
    return out;
  }

  private Contact contact(String name, boolean online) {
    Optional<PeerTrust> t = account.sessions().trust(name);
    return new Contact(
        name,
        online,
        t.map(PeerTrust::verified).orElse(false),
        t.map(PeerTrust::held).orElse(false),
        mutual.getOrDefault(name, false),
        !synced || mutual.containsKey(name));
  }

  /** A {@code presence} event: only this user's own contacts count. */
  public void onPresence(PresenceEvent e) {
    String who = e.user();
    if (!mutual.containsKey(who)) {
      // Presence only ever concerns this user's own contacts: a name a server makes up is not
      // remembered.
      return;
    }
    boolean online = e.online();
    presence.put(who, online);
    if (online) {
      mutual.put(who, true); // presence goes to mutual contacts only
    }
    events.fire(l -> l.presenceChanged(who, online));
  }
}
