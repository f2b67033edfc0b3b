package dev.parley.client;

import dev.parley.client.account.Account;
import dev.parley.client.account.PrekeyMaintenance;
import dev.parley.client.api.ServerErrorException;
import dev.parley.client.contacts.ContactBook;
import dev.parley.client.messaging.Inbox;
import dev.parley.client.messaging.Typing;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ErrorFrame;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.KeysLowEvent;
import dev.parley.protocol.frame.MessageEvent;
import dev.parley.protocol.frame.PresenceEvent;
import dev.parley.protocol.frame.ReceiptEvent;
import dev.parley.protocol.frame.TypingEvent;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each event the server pushes to the piece that handles it, on the client thread. Events are
 * only heard while an account is open; one that cannot be handled is logged and skipped.
 */
final class ServerEvents {
  private static final Logger LOG = Logger.getLogger(ServerEvents.class.getName());

  private final ClientEvents events;
  private final Account account;
  private final Inbox inbox;
  private final ContactBook contacts;
  private final Typing typing;
  private final PrekeyMaintenance prekeys;
  private final Runnable endSession;

  ServerEvents(
      ClientEvents events,
      Account account,
      Inbox inbox,
      ContactBook contacts,
      Typing typing,
      PrekeyMaintenance prekeys,
      Runnable endSession) {
    this.events = events;
    this.account = account;
    this.inbox = inbox;
    this.contacts = contacts;
    this.typing = typing;
    this.prekeys = prekeys;
    this.endSession = endSession;
  }

  /** One event the connection read (a malformed one was logged and skipped there). */
  void onEvent(Event event) {
    if (!account.isOpen()) {
      return;
    }
    try {
      dispatch(event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not handle a server event", e);
    }
  }

  private void dispatch(Event event) {
    if (event instanceof MessageEvent m) {
      inbox.onMessage(m);
    } else if (event instanceof ReceiptEvent r) {
      inbox.onReceipt(r);
    } else if (event instanceof PresenceEvent p) {
      contacts.onPresence(p);
    } else if (event instanceof TypingEvent t) {
      typing.onTyping(t);
    } else if (event instanceof KeysLowEvent k) {
      prekeys.onKeysLow(k);
    } else if (event instanceof ErrorFrame error) {
      ServerErrorException e = ServerErrorException.of(error);
      if (e.code() == ErrorCode.SESSION_REPLACED) {
        // Another device took this account: stop, do not fight over it.
        endSession.run();
      }
      if (aboutAConfirmation(e.code())) {
        // A version 2 ack or receipt confirmation went without an id and failed (sent just
        // before a login completed, or refused for a moment): what it confirmed comes again.
        LOG.fine("a confirmation was refused: " + e.getMessage());
        return;
      }
      events.fire(l -> l.problem(e.getMessage()));
    } else {
      LOG.fine("ignoring event " + event.type());
    }
  }

  /**
   * True for the codes an unanswered confirmation can get, which leave the connection open and give
   * the user nothing to do; the ones that end a connection or session are still shown.
   */
  private static boolean aboutAConfirmation(ErrorCode code) {
    return code == ErrorCode.NOT_LOGGED_IN
        || code == ErrorCode.INTERNAL
        || code == ErrorCode.BAD_REQUEST
        || code == ErrorCode.RATE_LIMITED;
  }
}
