package dev.parley.server.net;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Frames;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.protocol.UsernameRules;
import dev.parley.server.accounts.AccountFields;
import dev.parley.server.store.Bundle;
import dev.parley.server.store.Contact;
import dev.parley.server.store.KeyUpload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** Serves every request type of docs/PROTOCOL.md for one connection. */
final class RequestHandler {
  private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

  /**
   * Largest envelope a {@code send} may carry, in decoded bytes: in base64, with the rest of the
   * frame, it still fits the default 64 KiB frame (48 KiB would not: it alone encodes to 64 KiB).
   */
  static final int MAX_ENVELOPE_BYTES = 47 * 1024;

  /** Largest opaque payload of a {@code typing} frame, in decoded bytes. */
  static final int MAX_TYPING_BYTES = 2 * 1024;

  /** One-time prekeys per {@code publish_keys}. */
  static final int MAX_PREKEYS_PER_UPLOAD = 200;

  private static final Pattern MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final ServerContext server;
  private final ClientConnection conn;

  RequestHandler(ServerContext server, ClientConnection conn) {
    this.server = server;
    this.conn = conn;
  }

  void handle(String type, String id, JsonObject f) throws ProtocolException {
    switch (type) {
      case FrameType.HELLO -> hello(id, f);
      case FrameType.PING -> {
        JsonObject pong = Frames.of(FrameType.PONG);
        if (id != null) {
          pong.addProperty("re", id);
        }
        conn.send(pong);
      }
      case FrameType.REGISTER -> register(id, f);
      case FrameType.LOGIN -> login(id, f);
      case FrameType.LOGOUT -> {
        requireLogin();
        String name = conn.user();
        conn.endSession();
        LOG.info("logout: " + name + " from " + conn.remote());
        conn.respond(id, CompletableFuture.completedFuture(new JsonObject()));
      }
      case FrameType.CHANGE_PASSWORD -> changePassword(id, f);
      case FrameType.PUBLISH_KEYS -> publishKeys(id, f);
      case FrameType.FETCH_BUNDLE -> fetchBundle(id, f);
      case FrameType.ADD_CONTACT -> addContact(id, f);
      case FrameType.REMOVE_CONTACT -> removeContact(id, f);
      case FrameType.LIST_CONTACTS -> listContacts(id);
      case FrameType.SEND -> send(id, f);
      case FrameType.ACK -> ack(id, f);
      case FrameType.ACK_RECEIPT -> {
        requireLogin();
        long rid = Fields.integer(f, "rid", 1, Long.MAX_VALUE);
        conn.respond(
            id,
            server.store().acknowledgeReceipt(conn.user(), rid).thenApply(v -> new JsonObject()));
      }
      case FrameType.TYPING -> typing(id, f);
      default -> throw ProtocolException.badRequest("Unknown frame type '" + type + "'.");
    }
  }

  private void hello(String id, JsonObject f) throws ProtocolException {
    if (conn.helloDone()) {
      throw ProtocolException.badRequest("hello was already sent.");
    }
    long version = Fields.integer(f, "version", 0, Integer.MAX_VALUE);
    Fields.optString(f, "software", 128);
    if (version != ProtocolInfo.VERSION) {
      conn.closeWithError(
          id,
          new ProtocolException(
              ErrorCode.UNSUPPORTED_VERSION,
              "This server speaks protocol version " + ProtocolInfo.VERSION + " only."));
      return;
    }
    conn.markHelloDone();
    JsonObject body = new JsonObject();
    body.addProperty("version", ProtocolInfo.VERSION);
    conn.respond(id, CompletableFuture.completedFuture(body));
  }

  private void register(String id, JsonObject f) throws ProtocolException {
    requireLoggedOut();
    server.accounts().requireOpenRegistration();
    AccountFields.Register r = AccountFields.register(f);
    startAuth(id, r.username(), server.accounts().register(r, conn.origin()));
  }

  private void login(String id, JsonObject f) throws ProtocolException {
    requireLoggedOut();
    AccountFields.Login r = AccountFields.login(f);
    startAuth(id, r.username(), server.accounts().login(r, conn.origin()));
  }

  /** Answers, then starts the session: the {@code ok} always precedes the session's events. */
  private void startAuth(String id, String name, CompletableFuture<String> done) {
    conn.setAuthInFlight(true);
    CompletableFuture<JsonObject> answer = done.thenApply(RequestHandler::userBody);
    answer.whenComplete(
        (body, err) ->
            conn.onLoop(
                () -> {
                  conn.setAuthInFlight(false);
                  conn.respond(id, answer);
                  if (err == null && conn.isActive()) {
                    conn.beginSession(name);
                  }
                }));
  }

  /**
   * Like a login, at most one password change is in flight per connection: its bcrypt work is
   * shared by everyone, so one connection must not queue a pile of it.
   */
  private void changePassword(String id, JsonObject f) throws ProtocolException {
    requireLogin();
    if (conn.authInFlight()) {
      throw ProtocolException.badRequest("A password change is already in progress.");
    }
    String name = conn.user();
    AccountFields.Change r = AccountFields.change(f, name);
    CompletableFuture<JsonObject> answer =
        server.accounts().changePassword(name, r, conn.origin()).thenApply(v -> new JsonObject());
    conn.setAuthInFlight(true);
    answer.whenComplete(
        (body, err) ->
            conn.onLoop(
                () -> {
                  conn.setAuthInFlight(false);
                  conn.respond(id, answer);
                }));
  }

  private void publishKeys(String id, JsonObject f) throws ProtocolException {
    requireLogin();
    byte[] dh = Fields.bytesExactly(f, "identityDh", 32);
    byte[] sign = Fields.bytesExactly(f, "identitySign", 32);
    JsonObject spk = Fields.object(f, "signedPreKey");
    int spkId = (int) Fields.integer(spk, "id", 0, Integer.MAX_VALUE);
    byte[] spkKey = Fields.bytesExactly(spk, "key", 32);
    byte[] spkSig = Fields.bytesExactly(spk, "signature", 64);
    JsonArray arr = Fields.optArray(f, "oneTimePreKeys", MAX_PREKEYS_PER_UPLOAD);
    List<KeyUpload.OneTime> oneTime = new ArrayList<>(arr.size());
    for (JsonElement e : arr) {
      if (!e.isJsonObject()) {
        throw ProtocolException.badRequest("oneTimePreKeys holds objects");
      }
      JsonObject k = e.getAsJsonObject();
      oneTime.add(
          new KeyUpload.OneTime(
              (int) Fields.integer(k, "id", 0, Integer.MAX_VALUE),
              Fields.bytesExactly(k, "key", 32)));
    }
    KeyUpload upload = new KeyUpload(dh, sign, spkId, spkKey, spkSig, oneTime);
    conn.respond(
        id,
        server
            .store()
            .publishKeys(conn.user(), upload, System.currentTimeMillis())
            .thenApply(
                count -> {
                  JsonObject body = new JsonObject();
                  body.addProperty("oneTimePreKeys", count);
                  return body;
                }));
  }

  private void fetchBundle(String id, JsonObject f) throws ProtocolException {
    requireLogin();
    String who = username(f, "user");
    long wait = server.bundleLimits().fetchWait(conn.user());
    if (wait > 0) {
      throw new ProtocolException(
          ErrorCode.RATE_LIMITED,
          "Too many key bundle requests; wait and try again.",
          List.of(),
          wait);
    }
    conn.respond(
        id,
        server
            .store()
            .fetchBundle(who, server.bundleLimits()::mayHandOutOneTime, server.registry()::isOnline)
            .thenApply(
                b -> {
                  if (b.lowNotice()) {
                    server
                        .registry()
                        .lookup(who)
                        .ifPresent(c -> c.sendEvent(keysLow(b.remaining()), false));
                  }
                  return bundleJson(b);
                }));
  }

  private static JsonObject bundleJson(Bundle b) {
    JsonObject body = new JsonObject();
    body.addProperty("user", b.user());
    body.addProperty("identityDh", Fields.base64(b.identityDh()));
    body.addProperty("identitySign", Fields.base64(b.identitySign()));
    JsonObject spk = new JsonObject();
    spk.addProperty("id", b.signedPreKeyId());
    spk.addProperty("key", Fields.base64(b.signedPreKey()));
    spk.addProperty("signature", Fields.base64(b.signedPreKeySignature()));
    body.add("signedPreKey", spk);
    if (b.oneTime() != null) {
      JsonObject otk = new JsonObject();
      otk.addProperty("id", b.oneTime().id());
      otk.addProperty("key", Fields.base64(b.oneTime().key()));
      body.add("oneTimePreKey", otk);
    }
    return body;
  }

  private void addContact(String id, JsonObject f) throws ProtocolException {
    requireLogin();
    String who = username(f, "user");
    if (who.equals(conn.user())) {
      throw ProtocolException.badRequest("You cannot add yourself.");
    }
    String me = conn.user();
    conn.respond(
        id,
        server
            .store()
            .addContact(me, who, System.currentTimeMillis())
            .thenApply(
                change -> {
                  // A new mutual pair: each side (both online) learns the other's presence now.
                  if (change.becameMutual()) {
                    server
                        .store()
                        .forMutualContacts(
                            me,
                            pairs -> {
                              // Looked up again: this connection may have logged out since.
                              var mine = server.registry().lookup(me);
                              var theirs = server.registry().lookup(who);
                              if (pairs.contains(who) && mine.isPresent() && theirs.isPresent()) {
                                theirs.get().sendEvent(presenceEvent(me, true), false);
                                mine.get().sendEvent(presenceEvent(who, true), false);
                              }
                            });
                  }
                  JsonObject body = new JsonObject();
                  body.add("contact", contactJson(change.contact()));
                  return body;
                }));
  }

  private void removeContact(String id, JsonObject f) throws ProtocolException {
    requireLogin();
    String who = username(f, "user");
    String me = conn.user();
    conn.respond(
        id,
        server
            .store()
            .removeContact(me, who)
            .thenApply(
                brokePair -> {
                  // The other side still lists us but may no longer see us.
                  if (brokePair) {
                    server
                        .store()
                        .forMutualContacts(
                            me,
                            pairs -> {
                              if (!pairs.contains(who)) {
                                server
                                    .registry()
                                    .lookup(who)
                                    .ifPresent(c -> c.sendEvent(presenceEvent(me, false), false));
                              }
                            });
                  }
                  return new JsonObject();
                }));
  }

  private void listContacts(String id) throws ProtocolException {
    requireLogin();
    conn.respond(
        id,
        server
            .store()
            .contacts(conn.user())
            .thenApply(
                contacts -> {
                  JsonArray list = new JsonArray();
                  contacts.forEach(c -> list.add(contactJson(c)));
                  JsonObject body = new JsonObject();
                  body.add("contacts", list);
                  return body;
                }));
  }

  /** A contact as answered: presence only within a mutual pair (else always offline). */
  private JsonObject contactJson(Contact contact) {
    JsonObject c = new JsonObject();
    c.addProperty("user", contact.user());
    c.addProperty("online", contact.mutual() && server.registry().isOnline(contact.user()));
    c.addProperty("mutual", contact.mutual());
    return c;
  }

  private static JsonObject presenceEvent(String user, boolean online) {
    JsonObject event = Frames.of(FrameType.PRESENCE);
    event.addProperty("user", user);
    event.addProperty("online", online);
    return event;
  }

  private void send(String id, JsonObject f) throws ProtocolException {
    requireLogin();
    String to = username(f, "to");
    String msgId = Fields.string(f, "msgId", 64);
    if (!MSG_ID.matcher(msgId).matches()) {
      throw ProtocolException.badRequest("msgId is 1 to 64 characters of A-Z a-z 0-9 _ -");
    }
    byte[] envelope = Fields.bytes(f, "envelope", MAX_ENVELOPE_BYTES);
    String from = conn.user();
    if (to.equals(from)) {
      throw ProtocolException.badRequest("You cannot send to yourself.");
    }
    conn.respond(
        id,
        server
            .store()
            .enqueue(
                from,
                to,
                msgId,
                envelope,
                System.currentTimeMillis(),
                // In commit order, so the recipient's connection hears messages in seq order.
                r -> {
                  if (!r.duplicate()) {
                    server.registry().lookup(to).ifPresent(c -> c.deliver(r.message()));
                  }
                })
            .thenApply(
                r -> {
                  JsonObject body = new JsonObject();
                  body.addProperty("msgId", msgId);
                  body.addProperty("sentAt", r.sentAt());
                  body.addProperty("duplicate", r.duplicate());
                  return body;
                }));
  }

  private void ack(String id, JsonObject f) throws ProtocolException {
    requireLogin();
    String from = username(f, "from");
    String msgId = Fields.string(f, "msgId", 64);
    conn.respond(
        id,
        server
            .store()
            .acknowledge(
                conn.user(),
                from,
                msgId,
                System.currentTimeMillis(),
                receipt ->
                    receipt.ifPresent(
                        r -> server.registry().lookup(r.owner()).ifPresent(c -> c.deliver(r))))
            .thenApply(receipt -> new JsonObject()));
  }

  private void typing(String id, JsonObject f) throws ProtocolException {
    requireLogin();
    String to = username(f, "to");
    byte[] payload = Fields.bytes(f, "envelope", MAX_TYPING_BYTES);
    JsonObject event = Frames.of(FrameType.TYPING);
    event.addProperty("from", conn.user());
    event.addProperty("envelope", Fields.base64(payload));
    server.registry().lookup(to).ifPresent(c -> c.sendEvent(event, true));
    conn.respond(id, CompletableFuture.completedFuture(new JsonObject()));
  }

  /**
   * Tells the users in a mutual pair with {@code name} (each has the other as a contact) that it
   * came online or went offline; nobody else hears it.
   */
  void announcePresence(String name, boolean online) {
    server
        .store()
        .forMutualContacts(
            name,
            watchers -> {
              JsonObject event = presenceEvent(name, online);
              for (String w : watchers) {
                server.registry().lookup(w).ifPresent(c -> c.sendEvent(event, false));
              }
            });
  }

  /**
   * Sends {@code keys_low} after login when the user's one-time prekeys run short and it was not
   * told since it last refilled (see {@link dev.parley.server.store.ServerStore#fetchBundle}).
   */
  void checkPrekeys(String name) {
    server
        .store()
        .claimKeysLowNotice(name)
        .thenAccept(
            count -> {
              if (count >= 0) {
                conn.sendEvent(keysLow(count), false);
              }
            });
  }

  private static JsonObject keysLow(int remaining) {
    JsonObject event = Frames.of(FrameType.KEYS_LOW);
    event.addProperty("remaining", remaining);
    return event;
  }

  private static JsonObject userBody(String name) {
    JsonObject body = new JsonObject();
    body.addProperty("user", name);
    return body;
  }

  private static String username(JsonObject f, String field) throws ProtocolException {
    String raw = Fields.string(f, field, 64);
    if (!UsernameRules.isValid(raw)) {
      throw new ProtocolException(ErrorCode.UNKNOWN_USER, "There is no user called " + raw + ".");
    }
    return UsernameRules.canonical(raw);
  }

  private void requireLogin() throws ProtocolException {
    if (conn.user() == null) {
      throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "Log in first.");
    }
  }

  private void requireLoggedOut() throws ProtocolException {
    if (conn.user() != null) {
      throw new ProtocolException(ErrorCode.ALREADY_LOGGED_IN, "You are already logged in.");
    }
    if (conn.authInFlight()) {
      throw ProtocolException.badRequest("A login or password change is already in progress.");
    }
  }
}
