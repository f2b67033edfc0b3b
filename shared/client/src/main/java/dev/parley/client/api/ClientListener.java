package dev.parley.client.api;

/**
 * What a UI (or bot) hears from {@link ParleyClient}. Every callback runs on the client's own event
 * thread, one at a time, in order; never on a network thread. Callbacks must return quickly and
 * must not block: a JavaFX UI hands them to {@code Platform.runLater}. All methods have empty
 * defaults.
 */
public interface ClientListener {
  /** The connection state changed. */
  default void connectionChanged(ConnectionState state) {}

  /**
   * The logged-in user changed: their name once logged in, null once logged out or when the session
   * ended otherwise (another device took it, the password stopped working, another server was
   * chosen). A UI follows this, not the futures of its own requests.
   */
  default void sessionChanged(String user) {}

  /** A new entry in a conversation: an incoming message, one this user wrote, or a notice. */
  default void messageAdded(ChatMessage message) {}

  /** An outgoing message's delivery state moved forward. */
  default void messageUpdated(ChatMessage message) {}

  /** A contact came online or went offline. */
  default void presenceChanged(String contact, boolean online) {}

  /** A contact is typing to this user. */
  default void typing(String contact) {}

  /** A contact's identity key changed; their verified mark was cleared. */
  default void identityChanged(String contact) {}

  /** The contact list or a contact's verified mark changed. */
  default void contactsChanged() {}

  /**
   * Messages that waited on the server are being decrypted and stored: {@code waiting} more have
   * arrived and are still to go; 0 once all are done. Only said while a backlog is large enough to
   * take a moment.
   */
  default void catchingUp(int waiting) {}

  /** Something went wrong in the background; {@code message} is readable by a user. */
  default void problem(String message) {}
}
