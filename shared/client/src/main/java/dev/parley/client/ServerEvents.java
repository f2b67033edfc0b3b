package dev.parley.client;

import com.google.gson.JsonObject;
import dev.parley.client.account.Account;
import dev.parley.client.account.PrekeyMaintenance;
import dev.parley.client.contacts.ContactBook;
import dev.parley.client.messaging.Inbox;
import dev.parley.client.messaging.Typing;
import dev.parley.client.net.ServerConnection;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.ProtocolException;
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

  void onEvent(JsonObject f) {
    if (!account.isOpen()) {
      return;
    }
    try {
      String type = f.get("type").getAsString();
      switch (type) {
        case FrameType.MESSAGE -> inbox.onMessage(f);
        case FrameType.RECEIPT -> inbox.onReceipt(f);
        case FrameType.PRESENCE -> contacts.onPresence(f);
        case FrameType.TYPING -> typing.onTyping(f);
        case FrameType.KEYS_LOW -> prekeys.onKeysLow(f);
        case FrameType.ERROR -> {
          ServerErrorException e = ServerConnection.toException(f);
          if (e.code() == ErrorCode.SESSION_REPLACED) {
            // Another device took this account: stop, do not fight over it.
            endSession.run();
          }
          events.fire(l -> l.problem(e.getMessage()));
        }
        default -> LOG.fine("ignoring event " + type);
      }
    } catch (ProtocolException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not handle a server event", e);
    }
  }
}
