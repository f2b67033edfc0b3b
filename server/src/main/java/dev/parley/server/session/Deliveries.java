package dev.parley.server.session;

import dev.parley.protocol.frame.Event;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;

/** How services reach users' live connections: each call reaches the user's current session. */
public interface Deliveries {
  /** True when {@code user} is logged in. */
  boolean isOnline(String user);

  /**
   * Sends {@code event} to {@code user} if online; a droppable one is skipped while it is not
   * reading.
   */
  void event(String user, Event event, boolean droppable);

  /** A message accepted for its recipient (before it is written): streamed to it if online. */
  void message(QueuedMessage m);

  /** A receipt made for its owner (before it is written): streamed to it if online. */
  void receipt(Receipt r);
}
