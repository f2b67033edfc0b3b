package dev.parley.server.net;

import dev.parley.server.accounts.AccountRequests;
import dev.parley.server.accounts.Accounts;
import dev.parley.server.accounts.PasswordHasher;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.contacts.ContactList;
import dev.parley.server.keys.PrekeyDirectory;
import dev.parley.server.relay.Relay;
import dev.parley.server.relay.RelayEngine;
import dev.parley.server.session.Presence;
import dev.parley.server.session.SessionRegistry;
import dev.parley.server.store.ServerStore;

/**
 * What every connection shares: the limits it is admitted under, where its session registers, the
 * router for its requests, and what a session streams or announces when it starts.
 */
record Services(
    ServerConfig config,
    ConnectionSlots slots,
    SessionRegistry registry,
    RequestRouter router,
    Presence presence,
    PrekeyDirectory keys,
    RelayEngine relay) {

  /** Wires the services of one server over {@code store}; each is shared by every connection. */
  static Services create(
      ServerConfig config,
      ServerStore store,
      RelayEngine relay,
      PasswordHasher hasher,
      SessionRegistry registry) {
    Presence presence = new Presence(store.contacts(), registry);
    PrekeyDirectory keys = new PrekeyDirectory(store.keys(), config, registry);
    RequestRouter router =
        new RequestRouter(
            new AccountRequests(new Accounts(config, store.accounts(), hasher)),
            keys,
            new ContactList(store.contacts(), presence),
            new Relay(relay, registry));
    ConnectionSlots slots =
        new ConnectionSlots(
            config.maxConnections(),
            config.maxAnonymousConnections(),
            config.maxAnonymousPerAddress(),
            config.maxAnonymousPerPrefix());
    return new Services(config, slots, registry, router, presence, keys, relay);
  }
}
