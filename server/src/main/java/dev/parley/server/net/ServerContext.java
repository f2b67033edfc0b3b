package dev.parley.server.net;

import dev.parley.server.ServerConfig;
import dev.parley.server.accounts.Accounts;
import dev.parley.server.store.ServerStore;

/** The services every connection shares. */
record ServerContext(
    ServerConfig config,
    ServerStore store,
    Accounts accounts,
    SessionRegistry registry,
    ConnectionSlots slots,
    BundleLimits bundleLimits) {}
