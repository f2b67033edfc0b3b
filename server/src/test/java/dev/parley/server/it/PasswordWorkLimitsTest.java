package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * What bounds the bcrypt work one connection, one address and one account may ask for
 * (docs/PROTOCOL.md §5): one login or password change in flight per connection, and hashing budgets
 * per address and per account that count every check, right or wrong — without letting anyone spend
 * someone else's account budget with wrong guesses.
 */
class PasswordWorkLimitsTest extends ServerTestBase {

  private void restart(
      java.util.function.UnaryOperator<dev.parley.server.config.ServerConfig.Builder> t)
      throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("limits"), t);
  }

  private static JsonObject change(RawClient c, String oldPw, String newPw) throws Exception {
    return c.call("change_password", "oldPassword", oldPw, "newPassword", newPw);
  }

  @Test
  void onePasswordChangeAtATimePerConnection() throws Exception {
    restart(b -> b.bcryptCost(10)); // a check slow enough to still run when the next line comes
    RawClient c = connect().hello().register("alice", PASSWORD);
    // Both lines in one write: the server reads the second while the first is being checked.
    String first =
        "{\"type\":\"change_password\",\"id\":\"c1\",\"oldPassword\":\""
            + PASSWORD
            + "\",\"newPassword\":\"N3wPassword\"}";
    String second = first.replace("\"c1\"", "\"c2\"");
    c.sendRaw((first + "\n" + second + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    JsonObject refused = c.answer("c2");
    assertThat(code(refused)).isEqualTo("bad_request");
    assertThat(refused.get("message").getAsString()).contains("already in progress");
    assertThat(c.answer("c1").get("type").getAsString()).isEqualTo("ok");
    // Once answered, the next one is taken.
    c.ok("change_password", "oldPassword", "N3wPassword", "newPassword", PASSWORD);
  }

  @Test
  void anAccountsOwnPasswordChangesUseItsBudgetRightOrWrong() throws Exception {
    restart(b -> b.hashRatePerAccount(1, 4));
    RawClient m = connect().hello().register("mallory", PASSWORD);
    assertThat(code(change(m, "Wrong1pass", "N3wPassword"))).isEqualTo("bad_credentials"); // 1
    assertThat(code(change(m, "Wrong2pass", "N3wPassword"))).isEqualTo("bad_credentials"); // 2
    m.ok("change_password", "oldPassword", PASSWORD, "newPassword", PASSWORD); // 3 and 4
    JsonObject refused = change(m, PASSWORD, PASSWORD);
    assertThat(code(refused)).isEqualTo("rate_limited");
    assertThat(refused.get("retryAfterMs").getAsLong()).isPositive();
    // The account spent its own budget: its next login, from anywhere, waits too.
    m.ok("logout");
    assertThat(
            code(
                connectFrom("127.0.0.4")
                    .hello()
                    .call("login", "username", "mallory", "password", PASSWORD)))
        .isEqualTo("rate_limited");
    // Others are not affected.
    connect()
        .hello()
        .register("bob", PASSWORD)
        .ok("change_password", "oldPassword", PASSWORD, "newPassword", "N3wPassword");
  }

  @Test
  void wrongGuessesFromOthersDoNotSpendTheOwnersBudget() throws Exception {
    restart(b -> b.hashRatePerAccount(1, 2));
    connect().hello().register("carol", PASSWORD).ok("logout");
    for (String from : new String[] {"127.0.0.5", "127.0.0.6", "127.0.0.7"}) {
      RawClient guesser = connectFrom(from).hello();
      for (int i = 0; i < 5; i++) {
        assertThat(code(guesser.call("login", "username", "carol", "password", "Guess" + i + "x1")))
            .isEqualTo("bad_credentials");
      }
    }
    connectFrom("127.0.0.8").hello().login("carol", PASSWORD);
  }

  @Test
  void everyCheckFromOneAddressCountsEvenARightOne() throws Exception {
    restart(b -> b.hashRatePerAddress(1, 3));
    RawClient c = connectFrom("127.0.0.9").hello().register("dave", PASSWORD); // not a check
    for (int i = 0; i < 3; i++) {
      c.ok("logout");
      c.login("dave", PASSWORD);
    }
    c.ok("logout");
    assertThat(code(c.call("login", "username", "dave", "password", PASSWORD)))
        .isEqualTo("rate_limited");
    connectFrom("127.0.0.10").hello().login("dave", PASSWORD);
  }
}
