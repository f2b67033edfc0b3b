package dev.parley.server.net;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/** Which connection each logged-in user is on (one per user: a new login replaces the old). */
public final class SessionRegistry {
  private final ConcurrentHashMap<String, ClientConnection> online = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<IntConsumer> countListeners = new CopyOnWriteArrayList<>();

  /** Registers {@code conn} for {@code user}; returns the connection it replaced, if any. */
  Optional<ClientConnection> login(String user, ClientConnection conn) {
    ClientConnection old = online.put(user, conn);
    fire();
    return Optional.ofNullable(old == conn ? null : old);
  }

  /** Unregisters {@code conn}; true when it was the user's current connection. */
  boolean logout(String user, ClientConnection conn) {
    boolean removed = online.remove(user, conn);
    if (removed) {
      fire();
    }
    return removed;
  }

  /** The user's current connection. */
  Optional<ClientConnection> lookup(String user) {
    return Optional.ofNullable(online.get(user));
  }

  /** True when {@code user} is logged in. */
  public boolean isOnline(String user) {
    return online.containsKey(user);
  }

  /** Number of logged-in users. */
  public int onlineCount() {
    return online.size();
  }

  /** Calls {@code listener} with the new count whenever a user logs in or out. */
  public void onCountChanged(IntConsumer listener) {
    countListeners.add(listener);
  }

  private void fire() {
    int n = online.size();
    countListeners.forEach(l -> l.accept(n));
  }
}
