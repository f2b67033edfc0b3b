package dev.parley.server.it;

import static dev.parley.server.it.KeysAndContactsTest.oneTime;
import static dev.parley.server.it.KeysAndContactsTest.random;
import static dev.parley.server.it.KeysAndContactsTest.signedPreKey;
import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 3: a stranger's {@code fetch_bundle} flood must neither make the server hand out a
 * user's one-time prekeys without bound nor make it push {@code keys_low} again and again (each of
 * which made the victim's client generate and store 100 more prekeys).
 */
class BundleFloodTest extends ServerTestBase {
  private byte[] dh;
  private byte[] sign;

  private void restart(UnaryOperator<ServerConfig.Builder> tweak) throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("flood"), tweak);
  }

  private RawClient user(String name) throws Exception {
    return connect().hello().register(name, PASSWORD);
  }

  /** Publishes (the same identity each time) {@code count} one-time prekeys; returns the total. */
  private int publish(RawClient owner, int firstId, int count) throws Exception {
    if (dh == null) {
      dh = random(32);
      sign = random(32);
    }
    return owner
        .ok(
            "publish_keys",
            "identityDh",
            dh,
            "identitySign",
            sign,
            "signedPreKey",
            signedPreKey(1),
            "oneTimePreKeys",
            oneTime(firstId, count))
        .get("oneTimePreKeys")
        .getAsInt();
  }

  /** Sends {@code n} fetches without waiting, then collects every answer in order. */
  private static List<JsonObject> fetchMany(RawClient from, String target, int n) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(from.send("fetch_bundle", "user", target));
    }
    List<JsonObject> answers = new ArrayList<>();
    for (String id : ids) {
      answers.add(from.answer(id));
    }
    return answers;
  }

  private static boolean isKeysLow(JsonObject f) {
    return f.get("type").getAsString().equals("keys_low");
  }

  /**
   * Counts the {@code keys_low} events {@code owner} got. Its own database write (a harmless {@code
   * remove_contact}) is answered after every event that the writes queued before it caused (the
   * flood's fetches, the check at login), so the short wait only guards against a late event that
   * would be a bug anyway.
   */
  private static int keysLowEvents(RawClient owner) throws Exception {
    owner.ok("remove_contact", "user", "nobody");
    int n = 0;
    while (!owner.nothing(BundleFloodTest::isKeysLow, Duration.ofMillis(300))) {
      n++;
    }
    return n;
  }

  @Test
  void aFloodFromOneRequesterIsRateLimitedWithARetryTime() throws Exception {
    restart(b -> b.bundleFetchRate(1, 5).prekeyHandoutRate(1000, 1000));
    RawClient bob = user("bob");
    assertThat(publish(bob, 1, 100)).isEqualTo(100);
    RawClient mallory = user("mallory");
    List<JsonObject> answers = fetchMany(mallory, "bob", 30);
    assertThat(answers.subList(0, 5)).allMatch(a -> a.get("type").getAsString().equals("ok"));
    for (JsonObject refused : answers.subList(5, 30)) {
      assertThat(AccountsTest.code(refused)).isEqualTo("rate_limited");
      assertThat(refused.get("retryAfterMs").getAsLong()).isBetween(1L, 60_000L);
    }
    // A refused fetch used no prekey.
    assertThat(publish(bob, 1000, 0)).isEqualTo(95);
    // Unknown names count too: no free enumeration of usernames.
    assertThat(AccountsTest.code(mallory.call("fetch_bundle", "user", "nobody-here")))
        .isEqualTo("rate_limited");
    // Another requester has its own allowance.
    assertThat(user("carol").ok("fetch_bundle", "user", "bob").has("oneTimePreKey")).isTrue();
  }

  @Test
  void aFloodAgainstOneTargetStopsHandingOutItsOneTimePrekeysButNotItsBundle() throws Exception {
    restart(b -> b.bundleFetchRate(1000, 1000).prekeyHandoutRate(1, 5));
    RawClient bob = user("bob");
    publish(bob, 1, 30);
    List<JsonObject> answers = new ArrayList<>();
    for (String sybil : List.of("sybil1", "sybil2", "sybil3")) {
      answers.addAll(fetchMany(user(sybil), "bob", 4));
    }
    assertThat(answers).allMatch(a -> a.get("type").getAsString().equals("ok"));
    assertThat(answers).allMatch(a -> a.getAsJsonObject("signedPreKey").has("signature"));
    assertThat(answers.stream().filter(a -> a.has("oneTimePreKey")).count()).isEqualTo(5);
    assertThat(publish(bob, 1000, 0)).isEqualTo(25);
    assertThat(keysLowEvents(bob)).isZero();
  }

  @Test
  void theOwnerHearsKeysLowOncePerRefill() throws Exception {
    restart(b -> b.bundleFetchRate(1000, 1000).prekeyHandoutRate(1000, 1000));
    RawClient bob = user("bob");
    publish(bob, 1, 25);
    RawClient mallory = user("mallory");
    List<JsonObject> answers = fetchMany(mallory, "bob", 40);
    assertThat(answers.stream().filter(a -> a.has("oneTimePreKey")).count()).isEqualTo(25);
    JsonObject first = bob.next(BundleFloodTest::isKeysLow);
    assertThat(first.get("remaining").getAsInt()).isEqualTo(19);
    assertThat(keysLowEvents(bob)).isZero();
    // A refill that stays below the threshold does not re-arm the notice.
    assertThat(publish(bob, 100, 10)).isEqualTo(10);
    fetchMany(mallory, "bob", 3);
    assertThat(keysLowEvents(bob)).isZero();
    // One that reaches it does: the next drop below 20 is announced once more.
    assertThat(publish(bob, 200, 20)).isEqualTo(27);
    fetchMany(mallory, "bob", 20);
    assertThat(bob.next(BundleFloodTest::isKeysLow).get("remaining").getAsInt()).isEqualTo(19);
    assertThat(keysLowEvents(bob)).isZero();
  }

  @Test
  void keysLowAtLoginIsSentUntilTheOwnerWasToldOnce() throws Exception {
    restart(b -> b.bundleFetchRate(1000, 1000).prekeyHandoutRate(1000, 1000));
    RawClient bob = user("bob");
    publish(bob, 1, 21);
    bob.ok("logout");
    RawClient mallory = user("mallory");
    fetchMany(mallory, "bob", 3);
    // Offline when the count fell: told at the next login.
    bob.login("bob", PASSWORD);
    assertThat(bob.next(BundleFloodTest::isKeysLow).get("remaining").getAsInt()).isEqualTo(18);
    // Told already: logging in again without a refill repeats nothing.
    bob.ok("logout");
    bob.login("bob", PASSWORD);
    assertThat(keysLowEvents(bob)).isZero();
    assertThat(publish(bob, 100, 30)).isEqualTo(48);
    bob.ok("logout");
    fetchMany(mallory, "bob", 30);
    bob.login("bob", PASSWORD);
    assertThat(bob.next(BundleFloodTest::isKeysLow).get("remaining").getAsInt()).isEqualTo(18);
    assertThat(keysLowEvents(bob)).isZero();
  }
}
