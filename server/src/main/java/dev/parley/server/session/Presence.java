package dev.parley.server.session;

import dev.parley.protocol.frame.PresenceEvent;
import dev.parley.server.store.ContactStore;

/**
 * Presence is mutual: a user's online state goes only to the users in a mutual pair with it (each
 * has the other as a contact). Every lookup of the pairs runs in order on the reader thread (see
 * {@link ContactStore#forMutualContacts}), so events reach a watcher in the order of the changes.
 */
public final class Presence {
  private final ContactStore contacts;
  private final SessionRegistry registry;

  /** Presence over the contact lists in {@code contacts}, sent to sessions in {@code registry}. */
  public Presence(ContactStore contacts, SessionRegistry registry) {
    this.contacts = contacts;
    this.registry = registry;
  }

  /** Tells {@code name}'s mutual contacts that it came online or went offline. */
  public void announce(String name, boolean online) {
    contacts.forMutualContacts(
        name,
        watchers -> {
          PresenceEvent event = new PresenceEvent(name, online);
          for (String w : watchers) {
            registry.event(w, event, false);
          }
        });
  }

  /** {@code me} and {@code who} just became a mutual pair: each (both online) learns the other. */
  public void pairFormed(String me, String who) {
    contacts.forMutualContacts(
        me,
        pairs -> {
          // Looked up again: the connection that asked may have logged out since.
          var mine = registry.lookup(me);
          var theirs = registry.lookup(who);
          if (pairs.contains(who) && mine.isPresent() && theirs.isPresent()) {
            theirs.get().sendEvent(new PresenceEvent(me, true), false);
            mine.get().sendEvent(new PresenceEvent(who, true), false);
          }
        });
  }

  /** {@code me} removed {@code who}, who still lists {@code me} but may no longer see it. */
  public void pairBroken(String me, String who) {
    contacts.forMutualContacts(
        me,
        pairs -> {
          if (!pairs.contains(who)) {
            registry.event(who, new PresenceEvent(me, false), false);
          }
        });
  }

  /** Whether {@code contact}'s presence is shown to someone: only within a mutual pair. */
  public boolean shownOnline(String contact, boolean mutual) {
    return mutual && registry.isOnline(contact);
  }
}
