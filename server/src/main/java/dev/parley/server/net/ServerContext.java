package dev.parley.server.net;

import dev.parley.server.ServerConfig;
import dev.parley.server.accounts.LoginThrottle;
import dev.parley.server.accounts.PasswordHasher;
import dev.parley.server.store.ServerStore;
import java.util.concurrent.atomic.AtomicInteger;

/** The services every connection shares. */
record ServerContext(
    ServerConfig config,
    ServerStore store,
    PasswordHasher hasher,
    LoginThrottle throttle,
    SessionRegistry registry,
    AtomicInteger connections,
    BundleLimits bundleLimits) {}
