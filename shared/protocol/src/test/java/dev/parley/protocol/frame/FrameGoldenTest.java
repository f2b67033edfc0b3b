package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every frame type, both directions: the typed frame encodes to exactly the bytes the code before
 * it built with {@link Frames} and {@link JsonObject} (copied here as it was), and decodes back to
 * a frame with the same bytes.
 */
class FrameGoldenTest {
  static final byte[] K1 = bytes(32, 1);
  static final byte[] K2 = bytes(32, 2);
  static final byte[] K3 = bytes(32, 3);
  static final byte[] SIG = bytes(64, 4);
  static final byte[] ENV = "hello \u00e9\u00e8 <&> \"quoted\"\n".getBytes(StandardCharsets.UTF_8);
  static final String AUTH_KEY = "eRqqwLZXFC9q0AwfCKl9pc03pNOmCxGN+3fkDMg82pk=";

  static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  // ---- the old way: the client's ServerConnection.request(type, fields) -----------------------

  private static JsonObject oldRequest(String type, String id, JsonObject fields) {
    JsonObject frame = Frames.request(type, id);
    fields.entrySet().forEach(e -> frame.add(e.getKey(), e.getValue()));
    return frame;
  }

  /** The server's ClientConnection.respond: ok, re, then the body's fields. */
  private static JsonObject oldOk(String re, JsonObject body) {
    JsonObject ok = Frames.ok(re);
    body.entrySet().forEach(e -> ok.add(e.getKey(), e.getValue()));
    return ok;
  }

  private static void assertRequest(JsonObject old, Request typed) throws Exception {
    String line = Json.write(old);
    assertThat(FrameCodec.encode(typed)).isEqualTo(line);
    assertThat(Json.write(oldRequest(typed.type(), typed.id(), FrameCodec.fields(typed))))
        .isEqualTo(line);
    assertThat(FrameCodec.encode(FrameCodec.decodeRequest(line))).isEqualTo(line);
  }

  private static void assertAnswer(JsonObject old, Answer typed, String requestType)
      throws Exception {
    String line = Json.write(old);
    assertThat(FrameCodec.encode(typed)).isEqualTo(line);
    assertThat(FrameCodec.encode(FrameCodec.decodeAnswer(line, requestType))).isEqualTo(line);
  }

  private static void assertEvent(JsonObject old, Event typed) throws Exception {
    String line = Json.write(old);
    assertThat(FrameCodec.encode(typed)).isEqualTo(line);
    assertThat(FrameCodec.encode(FrameCodec.decodeEvent(line))).isEqualTo(line);
  }

  // ---- client to server --------------------------------------------------------------------

  @Test
  void hello() throws Exception {
    JsonObject hello = new JsonObject();
    hello.addProperty("version", ProtocolInfo.VERSION);
    hello.addProperty("software", "Parley 0.1.0");
    assertRequest(
        oldRequest(FrameType.HELLO, "1", hello),
        new HelloRequest("1", ProtocolInfo.VERSION, "Parley 0.1.0"));
    assertThat(FrameCodec.encode(new HelloRequest("1", 1, "Parley 0.1.0")))
        .isEqualTo("{\"type\":\"hello\",\"id\":\"1\",\"version\":1,\"software\":\"Parley 0.1.0\"}");
  }

  @Test
  void ping() throws Exception {
    assertRequest(oldRequest(FrameType.PING, "7", new JsonObject()), new PingRequest("7"));
    assertRequest(Frames.of(FrameType.PING), new PingRequest(null));
  }

  @Test
  void clientPong() throws Exception {
    // The client's answer to the server's ping: ServerConnection wrote Frames.of(PONG).
    assertThat(FrameCodec.encode(new Pong(null))).isEqualTo(Json.write(Frames.of(FrameType.PONG)));
  }

  @Test
  void registerAndLogin() throws Exception {
    JsonObject req = new JsonObject();
    req.addProperty("username", "alice");
    req.addProperty("authKey", AUTH_KEY);
    assertRequest(
        oldRequest(FrameType.REGISTER, "3", req),
        new RegisterRequest("3", "alice", null, AUTH_KEY));
    assertRequest(
        oldRequest(FrameType.LOGIN, "2", req), new LoginRequest("2", "alice", null, AUTH_KEY));
    // The one-time upgrade sends both secrets.
    JsonObject both = new JsonObject();
    both.addProperty("username", "alice");
    both.addProperty("password", "Sup3rSecret");
    both.addProperty("authKey", AUTH_KEY);
    assertRequest(
        oldRequest(FrameType.LOGIN, "4", both),
        new LoginRequest("4", "alice", "Sup3rSecret", AUTH_KEY));
    // The load generator registers legacy accounts.
    JsonObject legacy = new JsonObject();
    legacy.addProperty("username", "b1a2b3c-0");
    legacy.addProperty("password", "Bench-Passw0rd");
    assertRequest(
        oldRequest(FrameType.REGISTER, "1", legacy),
        new RegisterRequest("1", "b1a2b3c-0", "Bench-Passw0rd", null));
  }

  @Test
  void logoutAndListContacts() throws Exception {
    assertRequest(oldRequest(FrameType.LOGOUT, "9", new JsonObject()), new LogoutRequest("9"));
    assertRequest(
        oldRequest(FrameType.LIST_CONTACTS, "10", new JsonObject()), new ListContactsRequest("10"));
  }

  @Test
  void changePassword() throws Exception {
    JsonObject req = new JsonObject();
    req.addProperty("oldAuthKey", AUTH_KEY);
    req.addProperty("newAuthKey", Fields.base64(K1));
    assertRequest(
        oldRequest(FrameType.CHANGE_PASSWORD, "5", req),
        new ChangePasswordRequest("5", null, null, AUTH_KEY, Fields.base64(K1)));
    JsonObject legacy = new JsonObject();
    legacy.addProperty("oldPassword", "Sup3rSecret");
    legacy.addProperty("newPassword", "N3wSecret!");
    assertRequest(
        oldRequest(FrameType.CHANGE_PASSWORD, "6", legacy),
        new ChangePasswordRequest("6", "Sup3rSecret", "N3wSecret!", null, null));
  }

  @Test
  void publishKeys() throws Exception {
    // ParleyClient.publishKeys as it was.
    JsonObject req = new JsonObject();
    req.addProperty("identityDh", Fields.base64(K1));
    req.addProperty("identitySign", Fields.base64(K2));
    JsonObject spk = new JsonObject();
    spk.addProperty("id", 7);
    spk.addProperty("key", Fields.base64(K3));
    spk.addProperty("signature", Fields.base64(SIG));
    req.add("signedPreKey", spk);
    JsonArray otks = new JsonArray();
    for (int id : new int[] {1, Integer.MAX_VALUE}) {
      JsonObject e = new JsonObject();
      e.addProperty("id", id);
      e.addProperty("key", Fields.base64(K2));
      otks.add(e);
    }
    req.add("oneTimePreKeys", otks);
    assertRequest(
        oldRequest(FrameType.PUBLISH_KEYS, "4", req),
        new PublishKeysRequest(
            "4",
            K1,
            K2,
            new SignedPreKey(7, K3, SIG),
            List.of(new OneTimePreKey(1, K2), new OneTimePreKey(Integer.MAX_VALUE, K2))));
    req.add("oneTimePreKeys", new JsonArray());
    assertRequest(
        oldRequest(FrameType.PUBLISH_KEYS, "5", req),
        new PublishKeysRequest("5", K1, K2, new SignedPreKey(7, K3, SIG), List.of()));
  }

  @Test
  void userRequests() throws Exception {
    JsonObject user = new JsonObject();
    user.addProperty("user", "bob.smith");
    assertRequest(
        oldRequest(FrameType.FETCH_BUNDLE, "6", user), new FetchBundleRequest("6", "bob.smith"));
    assertRequest(
        oldRequest(FrameType.ADD_CONTACT, "7", user), new AddContactRequest("7", "bob.smith"));
    assertRequest(
        oldRequest(FrameType.REMOVE_CONTACT, "8", user),
        new RemoveContactRequest("8", "bob.smith"));
  }

  @Test
  void sendAckAndTyping() throws Exception {
    JsonObject send = new JsonObject();
    send.addProperty("to", "bob");
    send.addProperty("msgId", "6f1c2a7e-1");
    send.addProperty("envelope", Fields.base64(ENV));
    assertRequest(
        oldRequest(FrameType.SEND, "7", send), new SendRequest("7", "bob", "6f1c2a7e-1", ENV));
    JsonObject ack = new JsonObject();
    ack.addProperty("from", "alice");
    ack.addProperty("msgId", "6f1c2a7e-1");
    assertRequest(oldRequest(FrameType.ACK, "3", ack), new AckRequest("3", "alice", "6f1c2a7e-1"));
    JsonObject ackReceipt = new JsonObject();
    ackReceipt.addProperty("rid", Long.MAX_VALUE);
    assertRequest(
        oldRequest(FrameType.ACK_RECEIPT, "9", ackReceipt),
        new AckReceiptRequest("9", Long.MAX_VALUE));
    JsonObject typing = new JsonObject();
    typing.addProperty("to", "bob");
    typing.addProperty("envelope", Fields.base64(ENV));
    assertRequest(oldRequest(FrameType.TYPING, "11", typing), new TypingRequest("11", "bob", ENV));
  }

  // ---- server to client: answers --------------------------------------------------------------

  @Test
  void helloAndUserAnswers() throws Exception {
    JsonObject body = new JsonObject();
    body.addProperty("version", ProtocolInfo.VERSION);
    assertAnswer(oldOk("1", body), new HelloOk("1", ProtocolInfo.VERSION), FrameType.HELLO);
    JsonObject user = new JsonObject();
    user.addProperty("user", "alice");
    assertAnswer(oldOk("3", user), new UserOk("3", "alice"), FrameType.REGISTER);
    assertAnswer(oldOk("3", user), new UserOk("3", "alice"), FrameType.LOGIN);
    assertThat(FrameCodec.encode(new UserOk("3", "alice")))
        .isEqualTo("{\"type\":\"ok\",\"re\":\"3\",\"user\":\"alice\"}");
  }

  @Test
  void pongs() throws Exception {
    // RequestHandler's ping as it was.
    JsonObject pong = Frames.of(FrameType.PONG);
    pong.addProperty("re", "7");
    assertAnswer(pong, new Pong("7"), FrameType.PING);
    assertEvent(Frames.of(FrameType.PONG), new Pong(null));
  }

  @Test
  void emptyAnswers() throws Exception {
    for (String type :
        List.of(
            FrameType.LOGOUT,
            FrameType.CHANGE_PASSWORD,
            FrameType.REMOVE_CONTACT,
            FrameType.ACK,
            FrameType.ACK_RECEIPT,
            FrameType.TYPING)) {
      assertAnswer(oldOk("3", new JsonObject()), new EmptyOk("3"), type);
    }
  }

  @Test
  void keysAnswer() throws Exception {
    JsonObject body = new JsonObject();
    body.addProperty("oneTimePreKeys", 200);
    assertAnswer(oldOk("4", body), new KeysOk("4", 200), FrameType.PUBLISH_KEYS);
  }

  @Test
  void bundleAnswer() throws Exception {
    // RequestHandler.bundleJson as it was.
    JsonObject body = new JsonObject();
    body.addProperty("user", "bob");
    body.addProperty("identityDh", Fields.base64(K1));
    body.addProperty("identitySign", Fields.base64(K2));
    JsonObject spk = new JsonObject();
    spk.addProperty("id", 1);
    spk.addProperty("key", Fields.base64(K3));
    spk.addProperty("signature", Fields.base64(SIG));
    body.add("signedPreKey", spk);
    assertAnswer(
        oldOk("6", body),
        new BundleOk("6", "bob", K1, K2, new SignedPreKey(1, K3, SIG), null),
        FrameType.FETCH_BUNDLE);
    JsonObject otk = new JsonObject();
    otk.addProperty("id", 5);
    otk.addProperty("key", Fields.base64(K1));
    body.add("oneTimePreKey", otk);
    assertAnswer(
        oldOk("6", body),
        new BundleOk("6", "bob", K1, K2, new SignedPreKey(1, K3, SIG), new OneTimePreKey(5, K1)),
        FrameType.FETCH_BUNDLE);
  }

  private static JsonObject oldContact(String user, boolean online, boolean mutual) {
    JsonObject c = new JsonObject();
    c.addProperty("user", user);
    c.addProperty("online", online);
    c.addProperty("mutual", mutual);
    return c;
  }

  @Test
  void contactAnswers() throws Exception {
    JsonObject body = new JsonObject();
    body.add("contact", oldContact("bob", false, false));
    assertAnswer(
        oldOk("5", body),
        new ContactOk("5", new ContactInfo("bob", false, false)),
        FrameType.ADD_CONTACT);
    JsonArray list = new JsonArray();
    list.add(oldContact("alice", true, true));
    list.add(oldContact("carol", false, false));
    JsonObject contacts = new JsonObject();
    contacts.add("contacts", list);
    assertAnswer(
        oldOk("8", contacts),
        new ContactsOk(
            "8",
            List.of(new ContactInfo("alice", true, true), new ContactInfo("carol", false, false))),
        FrameType.LIST_CONTACTS);
    JsonObject none = new JsonObject();
    none.add("contacts", new JsonArray());
    assertAnswer(oldOk("8", none), new ContactsOk("8", List.of()), FrameType.LIST_CONTACTS);
  }

  @Test
  void sendAnswer() throws Exception {
    JsonObject body = new JsonObject();
    body.addProperty("msgId", "6f1c2a7e-1");
    body.addProperty("sentAt", 1795550000000L);
    body.addProperty("duplicate", false);
    assertAnswer(
        oldOk("7", body), new SendOk("7", "6f1c2a7e-1", 1795550000000L, false), FrameType.SEND);
  }

  @Test
  void errors() throws Exception {
    ProtocolException weak =
        new ProtocolException(
            ErrorCode.WEAK_PASSWORD,
            "The password does not meet the policy.",
            List.of("too_short", "no_digit"),
            0);
    assertAnswer(Frames.error("2", weak), ErrorFrame.of("2", weak), FrameType.REGISTER);
    ProtocolException limited =
        new ProtocolException(ErrorCode.RATE_LIMITED, "Too many requests.", List.of(), 1234);
    assertAnswer(Frames.error("3", limited), ErrorFrame.of("3", limited), FrameType.SEND);
    ProtocolException bad = ProtocolException.badRequest("field 'to' must be a string");
    assertAnswer(Frames.error("4", bad), ErrorFrame.of("4", bad), FrameType.SEND);
    // Without re: about the connection itself.
    ProtocolException timeout =
        new ProtocolException(ErrorCode.TIMEOUT, "The connection was idle.");
    assertEvent(Frames.error(null, timeout), ErrorFrame.of(null, timeout));
    assertThat(FrameCodec.encode(ErrorFrame.of("2", weak)))
        .isEqualTo(
            "{\"type\":\"error\",\"re\":\"2\",\"code\":\"weak_password\","
                + "\"message\":\"The password does not meet the policy.\","
                + "\"rules\":[\"too_short\",\"no_digit\"]}");
  }

  // ---- server to client: events ---------------------------------------------------------------

  @Test
  void serverHelloAndPing() throws Exception {
    // ClientConnection's hello as it was.
    JsonObject hello = Frames.of(FrameType.HELLO);
    hello.addProperty("version", 1);
    hello.addProperty("software", "Parley server 0.1.0");
    hello.addProperty("name", "Office \"3rd\" <floor>");
    assertEvent(hello, new ServerHello(1, "Parley server 0.1.0", "Office \"3rd\" <floor>"));
    assertEvent(Frames.of(FrameType.PING), new ServerPing());
  }

  @Test
  void messageAndReceipt() throws Exception {
    JsonObject m = Frames.of(FrameType.MESSAGE);
    m.addProperty("from", "alice");
    m.addProperty("msgId", "6f1c2a7e-1");
    m.addProperty("envelope", Fields.base64(ENV));
    m.addProperty("sentAt", 1795550000000L);
    assertEvent(m, new MessageEvent("alice", "6f1c2a7e-1", ENV, 1795550000000L));
    JsonObject r = Frames.of(FrameType.RECEIPT);
    r.addProperty("rid", 1L);
    r.addProperty("to", "bob");
    r.addProperty("msgId", "6f1c2a7e-2");
    r.addProperty("status", "delivered");
    r.addProperty("at", 1795550070200L);
    assertEvent(
        r, new ReceiptEvent(1, "bob", "6f1c2a7e-2", ReceiptEvent.DELIVERED, 1795550070200L));
  }

  @Test
  void presenceTypingAndKeysLow() throws Exception {
    JsonObject p = Frames.of(FrameType.PRESENCE);
    p.addProperty("user", "bob");
    p.addProperty("online", true);
    assertEvent(p, new PresenceEvent("bob", true));
    JsonObject t = Frames.of(FrameType.TYPING);
    t.addProperty("from", "alice");
    t.addProperty("envelope", Fields.base64(ENV));
    assertEvent(t, new TypingEvent("alice", ENV));
    JsonObject k = Frames.of(FrameType.KEYS_LOW);
    k.addProperty("remaining", 19);
    assertEvent(k, new KeysLowEvent(19));
  }
}
