package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountsTest extends ServerTestBase {

  RawClient client() throws Exception {
    return connect();
  }

  @Test
  void serverSaysHelloFirstAndPresentsItsPinnedCertificate() throws Exception {
    RawClient c = client();
    assertThat(c.serverHello.get("type").getAsString()).isEqualTo("hello");
    assertThat(c.serverHello.get("version").getAsInt())
        .isEqualTo(dev.parley.protocol.ProtocolInfo.VERSION);
    assertThat(c.serverHello.get("name").getAsString()).isEqualTo("Test server");
    assertThat(c.fingerprint).isEqualTo(server.fingerprint());
    assertThat(c.ok("hello", "version", 1).get("version").getAsInt()).isEqualTo(1);
    assertThat(code(c.call("hello", "version", 1))).isEqualTo("bad_request");
  }

  @Test
  void anUnsupportedVersionIsRefusedAndTheConnectionClosed() throws Exception {
    RawClient c = client();
    assertThat(code(c.call("hello", "version", 99))).isEqualTo("unsupported_version");
    assertThat(c.awaitClosed(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void requestsBeforeHelloOrLoginAreRefused() throws Exception {
    RawClient c = client();
    assertThat(code(c.call("login", "username", "ann", "password", PASSWORD)))
        .isEqualTo("bad_request");
    c.hello();
    assertThat(code(c.call("list_contacts"))).isEqualTo("not_logged_in");
    assertThat(code(c.call("send", "to", "bob", "msgId", "m1", "envelope", new byte[] {1})))
        .isEqualTo("not_logged_in");
  }

  @Test
  void registrationNamesEveryBrokenPasswordRule() throws Exception {
    RawClient c = client().hello();
    JsonObject weak = c.call("register", "username", "ann", "password", "short");
    assertThat(code(weak)).isEqualTo("weak_password");
    assertThat(weak.getAsJsonArray("rules").toString())
        .contains("too_short", "no_uppercase", "no_digit");
    assertThat(
            c.call("register", "username", "ann", "password", "longenough1")
                .getAsJsonArray("rules")
                .toString())
        .isEqualTo("[\"no_uppercase\"]");
    assertThat(
            c.call("register", "username", "ann", "password", "LongEnoughNoDigit")
                .getAsJsonArray("rules")
                .toString())
        .isEqualTo("[\"no_digit\"]");
    assertThat(
            c.call("register", "username", "ann", "password", "A1" + "x".repeat(71))
                .getAsJsonArray("rules")
                .toString())
        .isEqualTo("[\"too_long\"]");
    assertThat(
            c.call("register", "username", "annie12A", "password", "ANNIE12a")
                .getAsJsonArray("rules")
                .toString())
        .isEqualTo("[\"equals_username\"]");
    // 72 bytes of multi-byte characters is fine; 73 is not (bcrypt would truncate).
    String emoji = "A1" + "é".repeat(35);
    assertThat(c.call("register", "username", "ann", "password", emoji).get("type").getAsString())
        .isEqualTo("ok");
  }

  @Test
  void usernamesAreValidatedAndUniqueIgnoringCase() throws Exception {
    RawClient c = client().hello();
    assertThat(code(c.call("register", "username", "a", "password", PASSWORD)))
        .isEqualTo("invalid_username");
    assertThat(code(c.call("register", "username", "bad name", "password", PASSWORD)))
        .isEqualTo("invalid_username");
    assertThat(code(c.call("register", "username", "x".repeat(33), "password", PASSWORD)))
        .isEqualTo("invalid_username");
    assertThat(
            c.ok("register", "username", "Bob.Smith", "password", PASSWORD)
                .get("user")
                .getAsString())
        .isEqualTo("bob.smith");
    RawClient d = client().hello();
    assertThat(code(d.call("register", "username", "BOB.SMITH", "password", PASSWORD)))
        .isEqualTo("username_taken");
    assertThat(
            d.ok("login", "username", "Bob.Smith", "password", PASSWORD).get("user").getAsString())
        .isEqualTo("bob.smith");
  }

  @Test
  void wrongTypesAndMalformedFramesGetBadRequestAndTheConnectionStaysUsable() throws Exception {
    RawClient c = client().hello();
    assertThat(code(c.call("login", "username", 42, "password", PASSWORD)))
        .isEqualTo("bad_request");
    assertThat(code(c.call("login", "password", PASSWORD))).isEqualTo("bad_request");
    assertThat(code(c.call("no_such_type"))).isEqualTo("bad_request");
    c.sendLine("{\"type\":\"login\",\"id\":\"x\"");
    assertThat(c.next(f -> f.get("type").getAsString().equals("error")).get("code").getAsString())
        .isEqualTo("bad_request");
    c.sendLine("[1,2,3]");
    c.sendLine("{\"type\":\"ping\",\"id\":\"p\"} trailing");
    c.sendLine("{\"type\":\"ping\",\"id\":{\"nested\":true}}");
    c.register("carol", PASSWORD);
    assertThat(c.ok("list_contacts").getAsJsonArray("contacts")).isEmpty();
  }

  @Test
  void unknownUserAndWrongPasswordGiveTheSameErrorThenRateLimited() throws Exception {
    client().hello().register("dave", PASSWORD);
    RawClient c = client().hello();
    JsonObject unknown = c.call("login", "username", "nobody", "password", PASSWORD);
    JsonObject wrong = c.call("login", "username", "dave", "password", "Wrong1pass");
    assertThat(code(unknown)).isEqualTo("bad_credentials");
    assertThat(code(wrong)).isEqualTo("bad_credentials");
    assertThat(unknown.get("message")).isEqualTo(wrong.get("message"));
    // Five failures from this address on one account lock this address out of it, even with
    // the right password (LoginLimitsTest: other addresses, and the owner, are not locked out).
    for (int i = 0; i < 4; i++) {
      assertThat(code(c.call("login", "username", "dave", "password", "Wrong1pass")))
          .isEqualTo("bad_credentials");
    }
    JsonObject limited = c.call("login", "username", "dave", "password", PASSWORD);
    assertThat(code(limited)).isEqualTo("rate_limited");
    assertThat(limited.get("retryAfterMs").getAsLong()).isPositive();
  }

  @Test
  void logoutAndChangePassword() throws Exception {
    RawClient c = client().hello().register("erin", PASSWORD);
    assertThat(code(c.call("register", "username", "erin2", "password", PASSWORD)))
        .isEqualTo("already_logged_in");
    assertThat(
            code(
                c.call(
                    "change_password", "oldPassword", "Wrong1pass", "newPassword", "N3wPassword")))
        .isEqualTo("bad_credentials");
    assertThat(code(c.call("change_password", "oldPassword", PASSWORD, "newPassword", "weak")))
        .isEqualTo("weak_password");
    c.ok("change_password", "oldPassword", PASSWORD, "newPassword", "N3wPassword");
    c.ok("logout");
    assertThat(code(c.call("list_contacts"))).isEqualTo("not_logged_in");
    assertThat(code(c.call("login", "username", "erin", "password", PASSWORD)))
        .isEqualTo("bad_credentials");
    c.login("erin", "N3wPassword");
  }

  @Test
  void aSecondLoginReplacesTheFirstConnection() throws Exception {
    RawClient first = client().hello().register("fay", PASSWORD);
    RawClient second = client().hello().login("fay", PASSWORD);
    JsonObject err = first.next(f -> f.get("type").getAsString().equals("error"));
    assertThat(err.get("code").getAsString()).isEqualTo("session_replaced");
    assertThat(first.awaitClosed(Duration.ofSeconds(5))).isTrue();
    assertThat(second.ok("list_contacts")).isNotNull();
  }

  @Test
  void pingIsAnsweredWithPong() throws Exception {
    RawClient c = client().hello();
    String id = c.send("ping");
    assertThat(c.answer(id).get("type").getAsString()).isEqualTo("pong");
  }

  @Test
  void connectionsThatDoNotLogInInTimeAreClosed() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("t"), b -> b.loginTimeout(Duration.ofMillis(500)));
    RawClient c = client().hello();
    assertThat(c.next(f -> f.get("type").getAsString().equals("error")).get("code").getAsString())
        .isEqualTo("timeout");
    assertThat(c.awaitClosed(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void tls12IsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new RawClient(server.port(), "TLSv1.2"))
        .isInstanceOf(javax.net.ssl.SSLException.class);
  }
}
