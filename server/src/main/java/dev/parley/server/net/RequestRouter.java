package dev.parley.server.net;

import com.google.gson.JsonObject;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Frames;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.accounts.AccountRequests;
import dev.parley.server.contacts.ContactList;
import dev.parley.server.keys.PrekeyDirectory;
import dev.parley.server.relay.Relay;
import dev.parley.server.session.Caller;
import dev.parley.server.session.Hello;

/**
 * Dispatches each request of docs/PROTOCOL.md to the service that serves it, after the one check
 * they share: every request but {@code hello}, {@code ping}, {@code register} and {@code login}
 * needs a logged-in session ({@code not_logged_in}, before any field is read). One router serves
 * every connection; it keeps no state.
 */
final class RequestRouter {
  private final AccountRequests accounts;
  private final PrekeyDirectory keys;
  private final ContactList contacts;
  private final Relay relay;

  RequestRouter(AccountRequests accounts, PrekeyDirectory keys, ContactList contacts, Relay relay) {
    this.accounts = accounts;
    this.keys = keys;
    this.contacts = contacts;
    this.relay = relay;
  }

  /** Serves request {@code f} of {@code type} (answering {@code id}) from {@code caller}. */
  void route(Caller caller, String type, String id, JsonObject f) throws ProtocolException {
    switch (type) {
      case FrameType.HELLO -> Hello.handle(caller, id, f);
      case FrameType.PING -> caller.send(pong(id));
      case FrameType.REGISTER -> accounts.register(caller, id, f);
      case FrameType.LOGIN -> accounts.login(caller, id, f);
      case FrameType.LOGOUT -> {
        user(caller);
        accounts.logout(caller, id);
      }
      case FrameType.CHANGE_PASSWORD -> {
        user(caller);
        accounts.changePassword(caller, id, f);
      }
      case FrameType.PUBLISH_KEYS -> caller.respond(id, keys.publish(user(caller), f));
      case FrameType.FETCH_BUNDLE -> caller.respond(id, keys.fetchBundle(user(caller), f));
      case FrameType.ADD_CONTACT -> caller.respond(id, contacts.add(user(caller), f));
      case FrameType.REMOVE_CONTACT -> caller.respond(id, contacts.remove(user(caller), f));
      case FrameType.LIST_CONTACTS -> caller.respond(id, contacts.list(user(caller)));
      case FrameType.SEND -> caller.respond(id, relay.send(user(caller), f));
      case FrameType.ACK -> caller.respond(id, relay.ack(user(caller), f));
      case FrameType.ACK_RECEIPT -> caller.respond(id, relay.ackReceipt(user(caller), f));
      case FrameType.TYPING -> caller.respond(id, relay.typing(user(caller), f));
      default -> throw ProtocolException.badRequest("Unknown frame type '" + type + "'.");
    }
  }

  private static JsonObject pong(String id) {
    JsonObject pong = Frames.of(FrameType.PONG);
    if (id != null) {
      pong.addProperty("re", id);
    }
    return pong;
  }

  /** The logged-in user; refuses with {@code not_logged_in}. */
  private static String user(Caller caller) throws ProtocolException {
    if (caller.user() == null) {
      throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "Log in first.");
    }
    return caller.user();
  }
}
