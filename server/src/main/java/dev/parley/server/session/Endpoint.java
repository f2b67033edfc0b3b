package dev.parley.server.session;

import dev.parley.protocol.frame.Event;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;

/** A logged-in connection as the {@link SessionRegistry} holds it. Every method is thread-safe. */
public interface Endpoint {
  /** Sends an event; a droppable one is skipped while the client is not reading. */
  void sendEvent(Event event, boolean droppable);

  /** A message committed for this connection's user. */
  void deliver(QueuedMessage m);

  /** A receipt committed for this connection's user. */
  void deliver(Receipt r);

  /** The same account logged in elsewhere: tells the client so and closes. */
  void replaced();
}
