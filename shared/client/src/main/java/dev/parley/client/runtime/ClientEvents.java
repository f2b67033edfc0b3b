package dev.parley.client.runtime;

import dev.parley.client.api.ClientListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listeners of one client and the fan-out to them. Events are fired on the client thread, so
 * every listener hears them one at a time and in order; a listener that throws does not keep the
 * others from hearing the event.
 */
public final class ClientEvents {
  private static final Logger LOG = Logger.getLogger(ClientEvents.class.getName());

  private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();

  /** Adds a listener. */
  public void add(ClientListener l) {
    listeners.add(l);
  }

  /** Removes a listener. */
  public void remove(ClientListener l) {
    listeners.remove(l);
  }

  /** Tells every listener {@code event}, in the order they were added. */
  public void fire(Consumer<ClientListener> event) {
    for (ClientListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a listener failed", e);
      }
    }
  }
}
