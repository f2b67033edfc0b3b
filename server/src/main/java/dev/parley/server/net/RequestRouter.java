package dev.parley.server.net;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.AckReceiptRequest;
import dev.parley.protocol.frame.AckRequest;
import dev.parley.protocol.frame.AddContactRequest;
import dev.parley.protocol.frame.ChangePasswordRequest;
import dev.parley.protocol.frame.FetchBundleRequest;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.HelloRequest;
import dev.parley.protocol.frame.ListContactsRequest;
import dev.parley.protocol.frame.LoginRequest;
import dev.parley.protocol.frame.LogoutRequest;
import dev.parley.protocol.frame.PingRequest;
import dev.parley.protocol.frame.Pong;
import dev.parley.protocol.frame.PublishKeysRequest;
import dev.parley.protocol.frame.ReceivedFrame;
import dev.parley.protocol.frame.RegisterRequest;
import dev.parley.protocol.frame.RemoveContactRequest;
import dev.parley.protocol.frame.Request;
import dev.parley.protocol.frame.SendRequest;
import dev.parley.protocol.frame.TypingRequest;
import dev.parley.server.accounts.AccountRequests;
import dev.parley.server.contacts.ContactList;
import dev.parley.server.keys.PrekeyDirectory;
import dev.parley.server.relay.Relay;
import dev.parley.server.session.Caller;
import dev.parley.server.session.Hello;

/**
 * Dispatches each request of docs/PROTOCOL.md to the service that serves it. The request's state
 * checks come first (before {@code hello}: a second hello; {@code not_logged_in}; {@code
 * already_logged_in} or an authentication in flight; {@code registration_closed}), then its fields
 * are decoded ({@link FrameCodec#decodeRequest}), so the error answered is the one docs/PROTOCOL.md
 * §2 and §5 put first. One router serves every connection; it keeps no state.
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

  /** Serves {@code frame}, whose envelope was read, from {@code caller}. */
  void route(Caller caller, ReceivedFrame frame) throws ProtocolException {
    String id = frame.id();
    switch (frame.type()) {
      case FrameType.HELLO -> {
        Hello.requireFirst(caller);
        Hello.accept(caller, decode(caller, frame, HelloRequest.class));
      }
      case FrameType.PING -> caller.send(new Pong(decode(caller, frame, PingRequest.class).id()));
      case FrameType.REGISTER -> {
        loggedOut(caller);
        accounts.requireOpenRegistration();
        accounts.register(caller, decode(caller, frame, RegisterRequest.class));
      }
      case FrameType.LOGIN -> {
        loggedOut(caller);
        accounts.login(caller, decode(caller, frame, LoginRequest.class));
      }
      case FrameType.LOGOUT -> {
        user(caller);
        accounts.logout(caller, decode(caller, frame, LogoutRequest.class));
      }
      case FrameType.CHANGE_PASSWORD -> {
        user(caller);
        AccountRequests.requireNoCheckInFlight(caller);
        accounts.changePassword(caller, decode(caller, frame, ChangePasswordRequest.class));
      }
      case FrameType.PUBLISH_KEYS ->
          caller.respond(
              id, keys.publish(user(caller), decode(caller, frame, PublishKeysRequest.class)));
      case FrameType.FETCH_BUNDLE ->
          caller.respond(
              id, keys.fetchBundle(user(caller), decode(caller, frame, FetchBundleRequest.class)));
      case FrameType.ADD_CONTACT ->
          caller.respond(
              id, contacts.add(user(caller), decode(caller, frame, AddContactRequest.class)));
      case FrameType.REMOVE_CONTACT ->
          caller.respond(
              id, contacts.remove(user(caller), decode(caller, frame, RemoveContactRequest.class)));
      case FrameType.LIST_CONTACTS ->
          caller.respond(
              id, contacts.list(user(caller), decode(caller, frame, ListContactsRequest.class)));
      case FrameType.SEND ->
          caller.respond(
              id,
              relay.send(
                  user(caller), decode(caller, frame, SendRequest.class), caller.version() >= 2));
      case FrameType.ACK ->
          caller.respond(id, relay.ack(user(caller), decode(caller, frame, AckRequest.class)));
      case FrameType.ACK_RECEIPT ->
          caller.respond(
              id, relay.ackReceipt(user(caller), decode(caller, frame, AckReceiptRequest.class)));
      case FrameType.TYPING ->
          caller.respond(
              id, relay.typing(user(caller), decode(caller, frame, TypingRequest.class)));
      default -> throw ProtocolException.badRequest("Unknown frame type '" + frame.type() + "'.");
    }
  }

  /**
   * The typed request of {@code frame}, which is known to be of {@code type}, as the caller's
   * protocol version reads it (before its hello, as version 1 does).
   */
  private static <R extends Request> R decode(Caller caller, ReceivedFrame frame, Class<R> type)
      throws ProtocolException {
    return type.cast(FrameCodec.decodeRequest(frame, caller.version()));
  }

  /** The logged-in user; refuses with {@code not_logged_in}. */
  private static String user(Caller caller) throws ProtocolException {
    if (caller.user() == null) {
      throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "Log in first.");
    }
    return caller.user();
  }

  /** Refuses a login or registration on a logged-in connection or while one is checked. */
  private static void loggedOut(Caller caller) throws ProtocolException {
    if (caller.user() != null) {
      throw new ProtocolException(ErrorCode.ALREADY_LOGGED_IN, "You are already logged in.");
    }
    if (caller.authInFlight()) {
      throw ProtocolException.badRequest("A login or password change is already in progress.");
    }
  }
}
