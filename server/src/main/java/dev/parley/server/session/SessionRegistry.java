package dev.parley.server.session;

import dev.parley.protocol.frame.Event;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/** Which connection each logged-in user is on (one per user: a new login replaces the old). */
public final class SessionRegistry implements Deliveries {
  private final ConcurrentHashMap<String, Endpoint> online = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<IntConsumer> countListeners = new CopyOnWriteArrayList<>();

  /** Registers {@code conn} for {@code user}; returns the connection it replaced, if any. */
  public Optional<Endpoint> login(String user, Endpoint conn) {
    Endpoint old = online.put(user, conn);
    fire();
    return Optional.ofNullable(old == conn ? null : old);
  }

  /** Unregisters {@code conn}; true when it was the user's current connection. */
  public boolean logout(String user, Endpoint conn) {
    boolean removed = online.remove(user, conn);
    if (removed) {
      fire();
    }
    return removed;
  }

  /** The user's current connection. */
  public Optional<Endpoint> lookup(String user) {
    return Optional.ofNullable(online.get(user));
  }

  @Override
  public boolean isOnline(String user) {
    return online.containsKey(user);
  }

  @Override
  public void event(String user, Event event, boolean droppable) {
    lookup(user).ifPresent(c -> c.sendEvent(event, droppable));
  }

  @Override
  public void message(QueuedMessage m) {
    lookup(m.recipient()).ifPresent(c -> c.deliver(m));
  }

  @Override
  public void receipt(Receipt r) {
    lookup(r.owner()).ifPresent(c -> c.deliver(r));
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
