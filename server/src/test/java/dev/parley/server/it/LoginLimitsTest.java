package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The failed-login limits of docs/PROTOCOL.md §5 driven from several loopback addresses: an attempt
 * is counted when it starts, and the guesser is locked out, not the owner.
 */
class LoginLimitsTest extends ServerTestBase {
  static final String WRONG = "Wrong1pass";
  static final String GUESSER = "127.0.0.2";

  /** Sends {@code n} logins at once, one per connection from {@code address}; counts the codes. */
  Map<String, Integer> parallelLogins(String address, int n, String user, String password)
      throws Exception {
    List<RawClient> conns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      conns.add(connectFrom(address).hello());
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(
          conns.get(i).send("login", "username", user.replace("#", "" + i), "password", password));
    }
    Map<String, Integer> codes = new HashMap<>();
    for (int i = 0; i < n; i++) {
      JsonObject a = conns.get(i).answer(ids.get(i));
      String c = a.get("type").getAsString().equals("ok") ? "ok" : a.get("code").getAsString();
      if (c.equals("rate_limited")) {
        assertThat(a.get("retryAfterMs").getAsLong()).isPositive();
      }
      codes.merge(c, 1, Integer::sum);
    }
    return codes;
  }

  @Test
  void parallelWrongLoginsFromOneAddressGetAtMostFiveChecksOnOneAccount() throws Exception {
    connect().hello().register("dave", PASSWORD).close();
    Map<String, Integer> codes = parallelLogins(GUESSER, 41, "dave", WRONG);
    // Each bad_credentials is one bcrypt check of a guess; the rest were refused before any.
    assertThat(codes.getOrDefault("bad_credentials", 0)).isEqualTo(5);
    assertThat(codes.get("rate_limited")).isEqualTo(36);
    // That address is now locked out of dave, even with the right password ...
    assertThat(
            code(
                connectFrom(GUESSER)
                    .hello()
                    .call("login", "username", "dave", "password", PASSWORD)))
        .isEqualTo("rate_limited");
    // ... while dave, from his own machine, logs in.
    connectFrom("127.0.0.1").hello().login("dave", PASSWORD);
  }

  @Test
  void parallelWrongLoginsOnManyAccountsFromOneAddressStopAtTheAddressLimit() throws Exception {
    Map<String, Integer> codes = parallelLogins(GUESSER, 41, "ghost#", WRONG);
    assertThat(codes.getOrDefault("bad_credentials", 0)).isEqualTo(20);
    assertThat(codes.get("rate_limited")).isEqualTo(21);
  }

  @Test
  void theOwnerLogsInAfterOtherAddressesFailedOnTheAccount() throws Exception {
    connect().hello().register("erin", PASSWORD).close();
    // Six other machines each use up their five guesses on erin: 30 failures in all.
    for (int a = 2; a <= 7; a++) {
      RawClient c = connectFrom("127.0.0." + a).hello();
      for (int i = 0; i < 5; i++) {
        assertThat(code(c.call("login", "username", "erin", "password", WRONG)))
            .isEqualTo("bad_credentials");
      }
      assertThat(code(c.call("login", "username", "erin", "password", WRONG)))
          .isEqualTo("rate_limited");
    }
    connectFrom("127.0.0.1").hello().login("erin", PASSWORD);
    // A fresh address that has not guessed is not throttled either.
    connectFrom("127.0.0.9").hello().login("erin", PASSWORD);
  }

  @Test
  void sequentialFailuresLockTheAddressOutOfTheAccountAndASuccessForgivesThem() throws Exception {
    connect().hello().register("fay", PASSWORD).close();
    RawClient c = connectFrom(GUESSER).hello();
    for (int i = 0; i < 4; i++) {
      assertThat(code(c.call("login", "username", "fay", "password", WRONG)))
          .isEqualTo("bad_credentials");
    }
    // A success forgives this address's failures on fay ...
    c.login("fay", PASSWORD).ok("logout");
    for (int i = 0; i < 5; i++) {
      assertThat(code(c.call("login", "username", "fay", "password", WRONG)))
          .as("failure %d after the success", i + 1)
          .isEqualTo("bad_credentials");
    }
    // ... and the fifth new failure locks this address out of fay for 30 s.
    JsonObject limited = c.call("login", "username", "fay", "password", PASSWORD);
    assertThat(code(limited)).isEqualTo("rate_limited");
    assertThat(limited.get("retryAfterMs").getAsLong()).isBetween(1L, 30_000L);
    // Other accounts from the same address still work (the address has 9 of its 20).
    connect().hello().register("gus", PASSWORD).close();
    connectFrom(GUESSER).hello().login("gus", PASSWORD);
  }

  @Test
  void twentyFailuresFromOneAddressLockItOutOfEveryAccountButNotOthers() throws Exception {
    connect().hello().register("hal", PASSWORD).close();
    RawClient c = connectFrom(GUESSER).hello();
    for (int i = 0; i < 20; i++) {
      assertThat(code(c.call("login", "username", "nobody" + i, "password", WRONG)))
          .isEqualTo("bad_credentials");
    }
    assertThat(code(c.call("login", "username", "hal", "password", PASSWORD)))
        .isEqualTo("rate_limited");
    connectFrom("127.0.0.3").hello().login("hal", PASSWORD);
  }

  @Test
  void wrongChangePasswordsGetAtMostFiveChecksPipelinedOrNot() throws Exception {
    RawClient c = connectFrom(GUESSER).hello().register("ivy", PASSWORD);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(c.send("change_password", "oldPassword", WRONG + i, "newPassword", "N3wPassword"));
    }
    // One change is checked at a time per connection (the others in flight are bad_request).
    Map<String, Integer> codes = new HashMap<>();
    for (String id : ids) {
      codes.merge(c.answer(id).get("code").getAsString(), 1, Integer::sum);
    }
    assertThat(codes.keySet()).isSubsetOf("bad_credentials", "bad_request", "rate_limited");
    int checked = codes.getOrDefault("bad_credentials", 0);
    // One by one, until refused: five checks in all.
    for (int i = 12; checked < 6 && i < 30; i++) {
      String code =
          c.call("change_password", "oldPassword", WRONG + i, "newPassword", "N3wPassword")
              .get("code")
              .getAsString();
      if (code.equals("rate_limited")) {
        break;
      }
      assertThat(code).isEqualTo("bad_credentials");
      checked++;
    }
    assertThat(checked).isEqualTo(5);
    // The same budget guards login from that address.
    RawClient d = connectFrom(GUESSER).hello();
    assertThat(code(d.call("login", "username", "ivy", "password", PASSWORD)))
        .isEqualTo("rate_limited");
  }
}
