package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.protocol.AuthKey;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Who may create accounts, how fast, and that account creation never holds up a login. */
class RegistrationTest extends ServerTestBase {

  void restart(
      java.util.function.UnaryOperator<dev.parley.server.config.ServerConfig.Builder> tweak)
      throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("r"), tweak);
  }

  @Test
  void registrationsAreLimitedPerAddress() throws Exception {
    restart(b -> b.registrationsPerAddress(3));
    for (int i = 0; i < 3; i++) {
      connectFrom("127.0.0.2").hello().register("user" + i, PASSWORD).close();
    }
    // The limit is checked before the name: even a taken one is now refused ...
    RawClient c = connectFrom("127.0.0.2").hello();
    assertThat(code(c.call("register", "username", "user0", "password", PASSWORD)))
        .isEqualTo("rate_limited");
    JsonObject limited = c.call("register", "username", "user3", "password", PASSWORD);
    assertThat(code(limited)).isEqualTo("rate_limited");
    assertThat(limited.get("retryAfterMs").getAsLong()).isBetween(1L, 3_600_000L);
    // ... another address registers, and the limited address may still log in.
    connectFrom("127.0.0.3").hello().register("user3", PASSWORD).close();
    connectFrom("127.0.0.2").hello().login("user0", PASSWORD);
  }

  @Test
  void aTakenNameDoesNotUseUpTheAllowance() throws Exception {
    restart(b -> b.registrationsPerAddress(2));
    connectFrom("127.0.0.2").hello().register("first", PASSWORD).close();
    RawClient c = connectFrom("127.0.0.2").hello();
    for (int i = 0; i < 5; i++) {
      assertThat(code(c.call("register", "username", "first", "password", PASSWORD)))
          .isEqualTo("username_taken");
    }
    c.register("second", PASSWORD);
  }

  @Test
  void parallelRegistrationsFromOneAddressStopAtTheLimit() throws Exception {
    restart(b -> b.registrationsPerAddress(4));
    List<RawClient> conns = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      conns.add(connectFrom("127.0.0.2").hello());
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(conns.get(i).send("register", "username", "par" + i, "password", PASSWORD));
    }
    int ok = 0;
    for (int i = 0; i < 20; i++) {
      JsonObject a = conns.get(i).answer(ids.get(i));
      if (a.get("type").getAsString().equals("ok")) {
        ok++;
      } else {
        assertThat(code(a)).isEqualTo("rate_limited");
      }
    }
    assertThat(ok).isEqualTo(4);
  }

  @Test
  void closedRegistrationRefusesEveryRegisterButLoginsWork() throws Exception {
    connect().hello().register("old", PASSWORD).close();
    server.close();
    server = TestServer.start(dir, b -> b.registrationOpen(false));
    RawClient c = connect().hello();
    JsonObject closed = c.call("register", "username", "new", "password", PASSWORD);
    assertThat(code(closed)).isEqualTo("registration_closed");
    assertThat(
            code(
                c.call("register", "username", "new", "authKey", AuthKeyTest.key("new", PASSWORD))))
        .isEqualTo("registration_closed");
    c.login("old", PASSWORD);
  }

  @Test
  void loginsGoAheadOfQueuedRegistrations() throws Exception {
    // Slow hashes (cost 10) and a generous registration limit: 40 registrations queue up.
    restart(b -> b.bcryptCost(10).registrationsPerAddress(1000));
    connect().hello().register("owner", PASSWORD).close();
    List<RawClient> flood = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      flood.add(connect().hello());
    }
    RawClient login = connect().hello();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(flood.get(i).send("register", "username", "flood" + i, "password", PASSWORD));
    }
    // Let the registrations reach the hashing queue before the login does.
    Thread.sleep(300);
    login.login("owner", PASSWORD);
    List<JsonObject> answers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      answers.add(answeredYet(flood.get(i), ids.get(i)));
    }
    // In arrival order the login would have waited for all 40; it waited for at most the few
    // hashes already running.
    assertThat(answers.stream().filter(a -> a == null).count()).isGreaterThanOrEqualTo(25);
    for (int i = 0; i < 40; i++) {
      JsonObject a = answers.get(i) != null ? answers.get(i) : flood.get(i).answer(ids.get(i));
      assertThat(a.get("type").getAsString()).isEqualTo("ok");
    }
  }

  /** The answer to {@code id} if it has already arrived, else null. */
  static JsonObject answeredYet(RawClient c, String id) throws InterruptedException {
    try {
      return c.next(f -> f.has("re") && f.get("re").getAsString().equals(id), Duration.ofMillis(1));
    } catch (AssertionError notYet) {
      return null;
    }
  }

  // ---- the admin's `users add` -----------------------------------------------------------

  /** Runs {@code parley-server ARGS} in a child JVM with {@code env}; returns its exit code. */
  static int serverMain(Map<String, String> env, StringBuilder output, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.parley.server.cli.ServerMain");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    output.append(new String(p.getInputStream().readAllBytes()));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  @Test
  void usersAddCreatesAnAccountThatLogsInWithItsAuthKey() throws Exception {
    server.close();
    Path data = dir.resolve("admin");
    StringBuilder out = new StringBuilder();
    int exit =
        serverMain(
            Map.of("NEW_PW", PASSWORD),
            out,
            "users",
            "add",
            "Zoe",
            "--password-env",
            "NEW_PW",
            "--bcrypt-cost",
            "4",
            "--data-dir",
            data.toString());
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("added zoe").doesNotContain(PASSWORD);
    server = TestServer.start(data, b -> b.registrationOpen(false));
    RawClient c = connect().hello();
    // Stored the new way: the key a client derives from the password, never the password.
    assertThat(code(c.call("login", "username", "zoe", "password", PASSWORD)))
        .isEqualTo("bad_credentials");
    c.ok("login", "username", "zoe", "authKey", AuthKey.derive("zoe", PASSWORD.toCharArray()));
  }

  @Test
  void usersAddRefusesAWeakPasswordABadNameAndATakenName() throws Exception {
    server.close();
    Path data = dir.resolve("admin");
    StringBuilder out = new StringBuilder();
    String[] base = {"--bcrypt-cost", "4", "--data-dir", data.toString()};
    assertThat(
            serverMain(
                Map.of("PW", "weak"),
                out,
                cat("users", "add", "amy", "--password-env", "PW", base)))
        .isEqualTo(2);
    assertThat(out.toString()).contains("At least 8 characters");
    assertThat(
            serverMain(
                Map.of("PW", PASSWORD),
                out,
                cat("users", "add", "a b", "--password-env", "PW", base)))
        .isEqualTo(2);
    assertThat(
            serverMain(
                Map.of(), out, cat("users", "add", "amy", "--password-env", "UNSET_PW", base)))
        .isEqualTo(2);
    assertThat(
            serverMain(
                Map.of("PW", PASSWORD),
                out,
                cat("users", "add", "amy", "--password-env", "PW", base)))
        .isZero();
    assertThat(
            serverMain(
                Map.of("PW", PASSWORD),
                out,
                cat("users", "add", "AMY", "--password-env", "PW", base)))
        .isEqualTo(1);
    StringBuilder list = new StringBuilder();
    assertThat(serverMain(Map.of(), list, "users", "list", "--data-dir", data.toString())).isZero();
    assertThat(list.toString().lines()).containsExactly("amy");
  }

  static String[] cat(String a, String b, String c, String d, String e, String... rest) {
    List<String> all = new ArrayList<>(List.of(a, b, c, d, e));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }
}
