package dev.parley.client;

import dev.parley.client.account.Account;
import dev.parley.client.account.AfterLogin;
import dev.parley.client.account.PrekeyMaintenance;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.connection.Backoff;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.contacts.ContactBook;
import dev.parley.client.messaging.Outbox;
import dev.parley.client.net.ServerConnection;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.runtime.ClientThread;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Brings an accepted login online, first or after a reconnect: prekeys published and topped up and
 * the contact list fetched (at the same time), then ONLINE and the outbox sent.
 */
final class SessionStart implements AfterLogin {
  private final ClientThread thread;
  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final Backoff backoff;
  private final PrekeyMaintenance prekeys;
  private final ContactBook contacts;
  private final Outbox outbox;

  SessionStart(
      ClientThread thread,
      ClientEvents events,
      ServerLink link,
      Account account,
      Backoff backoff,
      PrekeyMaintenance prekeys,
      ContactBook contacts,
      Outbox outbox) {
    this.thread = thread;
    this.events = events;
    this.link = link;
    this.account = account;
    this.backoff = backoff;
    this.prekeys = prekeys;
    this.contacts = contacts;
    this.outbox = outbox;
  }

  @Override
  public CompletableFuture<Void> start() {
    long epoch = account.epoch();
    ServerConnection on = link.connection();
    backoff.reset();
    prekeys.rotateIfDue();
    // The prekeys and the contact list are independent: both requests go at once, so a login
    // waits for one round trip less (each may wait behind a backlog the server is delivering).
    CompletableFuture<Void> keys =
        prekeys.publish(List.of()).thenComposeAsync(prekeys::topUp, thread);
    CompletableFuture<Void> list = contacts.sync();
    return keys.thenCombine(list, (a, b) -> (Void) null)
        .thenRunAsync(
            () -> {
              if (account.epoch() != epoch || !account.isLoggedIn() || link.connection() != on) {
                // That session ended (or its connection did) while the answers came: another
                // device took the account, say, and a server still answered. Not online for it.
                throw new CancellationException();
              }
              link.setState(ConnectionState.ONLINE);
              // Presence counts from now on (contacts() shows nobody online before).
              events.fire(ClientListener::contactsChanged);
              outbox.flush();
            },
            thread);
  }
}
