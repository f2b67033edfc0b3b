package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The account fields' errors as docs/PROTOCOL.md §5 lists them, including which one wins when
 * several apply, and the 72-byte bcrypt limit at login and change_password.
 */
class AccountErrorsTest extends ServerTestBase {
  static final String PW_72 = "A1" + "x".repeat(70);

  static List<String> rules(JsonObject answer) {
    return answer.getAsJsonArray("rules").asList().stream().map(e -> e.getAsString()).toList();
  }

  @Test
  void anEmptyPasswordBreaksThePolicyRatherThanTheFrame() throws Exception {
    RawClient c = connect().hello();
    JsonObject a = c.call("register", "username", "ann", "password", "");
    assertThat(code(a)).isEqualTo("weak_password");
    assertThat(rules(a)).containsExactly("too_short", "no_uppercase", "no_digit");
    // At login an empty password is simply a wrong one.
    c.register("ann", PASSWORD).ok("logout");
    assertThat(code(c.call("login", "username", "ann", "password", "")))
        .isEqualTo("bad_credentials");
  }

  @Test
  void aPasswordOver256CharactersIsTooLarge() throws Exception {
    RawClient c = connect().hello();
    assertThat(code(c.call("register", "username", "ann", "password", "A1" + "x".repeat(255))))
        .isEqualTo("too_large");
    assertThat(code(c.call("login", "username", "ann", "password", "A1" + "x".repeat(255))))
        .isEqualTo("too_large");
    // 256 characters is within the field; it breaks the 72-byte rule.
    assertThat(rules(c.call("register", "username", "ann", "password", "A1" + "x".repeat(254))))
        .containsExactly("too_long");
  }

  @Test
  void emptyAndOverlongUsernamesAreInvalidUsernames() throws Exception {
    RawClient c = connect().hello();
    for (String name : List.of("", " ", "x".repeat(33), "x".repeat(65), "x".repeat(1000))) {
      assertThat(code(c.call("register", "username", name, "password", PASSWORD)))
          .as("register %s", name.length())
          .isEqualTo("invalid_username");
      assertThat(code(c.call("login", "username", name, "password", PASSWORD)))
          .as("login %s", name.length())
          .isEqualTo("invalid_username");
    }
  }

  @Test
  void theFirstApplicableErrorWins() throws Exception {
    RawClient c = connect().hello();
    String huge = "A1" + "x".repeat(300);
    // bad_request (a wrongly typed or missing field) beats too_large ...
    assertThat(code(c.call("register", "username", 42, "password", huge))).isEqualTo("bad_request");
    assertThat(code(c.call("register", "password", huge))).isEqualTo("bad_request");
    assertThat(code(c.call("register", "username", "ann", "password", 7))).isEqualTo("bad_request");
    // ... too_large beats invalid_username ...
    assertThat(code(c.call("register", "username", "no way", "password", huge)))
        .isEqualTo("too_large");
    // ... invalid_username beats weak_password ...
    assertThat(code(c.call("register", "username", "no way", "password", "")))
        .isEqualTo("invalid_username");
    assertThat(code(c.call("login", "username", "no way", "password", PW_72 + "y")))
        .isEqualTo("invalid_username");
    // ... and weak_password beats username_taken.
    c.register("ann", PASSWORD).ok("logout");
    assertThat(code(c.call("register", "username", "ann", "password", "weak")))
        .isEqualTo("weak_password");
    assertThat(code(c.call("register", "username", "ann", "password", PASSWORD)))
        .isEqualTo("username_taken");
  }

  @Test
  void aLoginPasswordOver72BytesIsRefusedNotTruncated() throws Exception {
    RawClient c = connect().hello();
    c.register("bea", PW_72).ok("logout");
    // bcrypt reads only the first 72 bytes: this would have logged in.
    JsonObject longer = c.call("login", "username", "bea", "password", PW_72 + "anything");
    assertThat(code(longer)).isEqualTo("weak_password");
    assertThat(rules(longer)).containsExactly("too_long");
    // Multi-byte characters count in bytes: 36 × "é" is 72 bytes, one more is 74.
    assertThat(rules(c.call("login", "username", "bea", "password", "A1" + "é".repeat(36))))
        .containsExactly("too_long");
    // Refused before any check, so these are not counted as guesses.
    for (int i = 0; i < 8; i++) {
      assertThat(code(c.call("login", "username", "bea", "password", PW_72 + i)))
          .isEqualTo("weak_password");
    }
    c.login("bea", PW_72);
  }

  @Test
  void changePasswordRefusesAnOldPasswordOver72Bytes() throws Exception {
    RawClient c = connect().hello().register("cal", PW_72);
    JsonObject a =
        c.call("change_password", "oldPassword", PW_72 + "zz", "newPassword", "N3wPassword");
    assertThat(code(a)).isEqualTo("weak_password");
    assertThat(rules(a)).containsExactly("too_long");
    c.ok("change_password", "oldPassword", PW_72, "newPassword", "N3wPassword");
  }
}
