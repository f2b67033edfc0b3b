package dev.parley.client;

import dev.parley.client.account.Account;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.contacts.ContactBook;
import dev.parley.client.runtime.ClientEvents;

/**
 * Ends the logged-in session (logout, another device took it, the password stopped working, another
 * server chosen): the account closes, presence is forgotten, listeners hear it. The connection, if
 * one is open, stays for a next login.
 */
final class SessionEnd implements Runnable {
  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final ContactBook contacts;

  SessionEnd(ClientEvents events, ServerLink link, Account account, ContactBook contacts) {
    this.events = events;
    this.link = link;
    this.account = account;
    this.contacts = contacts;
  }

  @Override
  public void run() {
    boolean wasLoggedIn = account.isLoggedIn();
    account.forget();
    contacts.clear();
    link.setState(link.isOpen() ? ConnectionState.CONNECTING : ConnectionState.DISCONNECTED);
    if (wasLoggedIn) {
      events.fire(l -> l.sessionChanged(null));
    }
  }
}
