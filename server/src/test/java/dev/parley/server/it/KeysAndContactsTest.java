package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeysAndContactsTest extends ServerTestBase {
  static final SecureRandom RND = new SecureRandom();

  RawClient user(String name) throws Exception {
    RawClient c = connect().hello().register(name, PASSWORD);
    // Answered on the database reader after the login's presence announcement: no late, repeated
    // "online" for this user can arrive after this point.
    c.ok("list_contacts");
    return c;
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    RND.nextBytes(b);
    return b;
  }

  static JsonArray oneTime(int firstId, int count) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < count; i++) {
      JsonObject k = new JsonObject();
      k.addProperty("id", firstId + i);
      k.addProperty("key", Base64.getEncoder().encodeToString(random(32)));
      a.add(k);
    }
    return a;
  }

  static JsonObject signedPreKey(int id) {
    JsonObject spk = new JsonObject();
    spk.addProperty("id", id);
    spk.addProperty("key", Base64.getEncoder().encodeToString(random(32)));
    spk.addProperty("signature", Base64.getEncoder().encodeToString(random(64)));
    return spk;
  }

  @Test
  void bundlesHandOutEachOneTimePrekeyOnceThenWarnTheOwner() throws Exception {
    RawClient bob = user("bob");
    byte[] dh = random(32);
    JsonObject published =
        bob.ok(
            "publish_keys",
            "identityDh",
            dh,
            "identitySign",
            random(32),
            "signedPreKey",
            signedPreKey(7),
            "oneTimePreKeys",
            oneTime(1, 22));
    assertThat(published.get("oneTimePreKeys").getAsInt()).isEqualTo(22);
    RawClient alice = user("alice");
    JsonObject b1 = alice.ok("fetch_bundle", "user", "Bob");
    JsonObject b2 = alice.ok("fetch_bundle", "user", "bob");
    assertThat(b1.get("user").getAsString()).isEqualTo("bob");
    assertThat(b1.get("identityDh").getAsString())
        .isEqualTo(Base64.getEncoder().encodeToString(dh));
    assertThat(b1.getAsJsonObject("signedPreKey").get("id").getAsInt()).isEqualTo(7);
    assertThat(b1.getAsJsonObject("oneTimePreKey").get("id").getAsInt()).isEqualTo(1);
    assertThat(b2.getAsJsonObject("oneTimePreKey").get("id").getAsInt()).isEqualTo(2);
    // 22 - 3 = 19 < 20: the owner hears keys_low.
    alice.ok("fetch_bundle", "user", "bob");
    assertThat(bob.event("keys_low").get("remaining").getAsInt()).isEqualTo(19);
    // Refilling with the same identity adds to what is left.
    assertThat(
            bob.ok(
                    "publish_keys",
                    "identityDh",
                    dh,
                    "identitySign",
                    b1.get("identitySign").getAsString(),
                    "signedPreKey",
                    signedPreKey(8),
                    "oneTimePreKeys",
                    oneTime(100, 10))
                .get("oneTimePreKeys")
                .getAsInt())
        .isEqualTo(29);
    // A new identity (new device) replaces everything.
    assertThat(
            bob.ok(
                    "publish_keys",
                    "identityDh",
                    random(32),
                    "identitySign",
                    random(32),
                    "signedPreKey",
                    signedPreKey(1),
                    "oneTimePreKeys",
                    oneTime(1, 5))
                .get("oneTimePreKeys")
                .getAsInt())
        .isEqualTo(5);
  }

  @Test
  void bundleOfAUserWithoutKeysOrWithoutOneTimePrekeys() throws Exception {
    RawClient carol = user("carol");
    RawClient dave = user("dave");
    assertThat(AccountsTest.code(dave.call("fetch_bundle", "user", "carol"))).isEqualTo("no_keys");
    assertThat(AccountsTest.code(dave.call("fetch_bundle", "user", "nobody")))
        .isEqualTo("unknown_user");
    carol.ok(
        "publish_keys",
        "identityDh",
        random(32),
        "identitySign",
        random(32),
        "signedPreKey",
        signedPreKey(1));
    JsonObject b = dave.ok("fetch_bundle", "user", "carol");
    assertThat(b.has("oneTimePreKey")).isFalse();
    assertThat(b.getAsJsonObject("signedPreKey").get("signature").getAsString()).isNotEmpty();
  }

  @Test
  void malformedKeysAreRefused() throws Exception {
    RawClient c = user("erin");
    assertThat(
            AccountsTest.code(
                c.call(
                    "publish_keys",
                    "identityDh",
                    random(31),
                    "identitySign",
                    random(32),
                    "signedPreKey",
                    signedPreKey(1))))
        .isEqualTo("bad_request");
    assertThat(
            AccountsTest.code(
                c.call(
                    "publish_keys",
                    "identityDh",
                    "not base64!!",
                    "identitySign",
                    random(32),
                    "signedPreKey",
                    signedPreKey(1))))
        .isEqualTo("bad_request");
    assertThat(
            AccountsTest.code(
                c.call(
                    "publish_keys",
                    "identityDh",
                    random(32),
                    "identitySign",
                    random(32),
                    "signedPreKey",
                    signedPreKey(1),
                    "oneTimePreKeys",
                    oneTime(1, 201))))
        .isEqualTo("bad_request");
  }

  @Test
  void contactsWithPresenceEvents() throws Exception {
    RawClient ann = user("ann");
    assertThat(AccountsTest.code(ann.call("add_contact", "user", "ghost")))
        .isEqualTo("unknown_user");
    assertThat(AccountsTest.code(ann.call("add_contact", "user", "ann"))).isEqualTo("bad_request");
    RawClient ben = user("ben");
    ben.ok("add_contact", "user", "ann"); // presence is mutual (MutualPresenceTest)
    JsonObject added = ann.ok("add_contact", "user", "ben");
    assertThat(added.getAsJsonObject("contact").get("online").getAsBoolean()).isTrue();
    assertThat(ann.event("presence").get("online").getAsBoolean()).isTrue();
    ben.ok("logout");
    JsonObject off = ann.event("presence");
    assertThat(off.get("user").getAsString()).isEqualTo("ben");
    assertThat(off.get("online").getAsBoolean()).isFalse();
    ben.login("ben", PASSWORD);
    assertThat(ann.event("presence").get("online").getAsBoolean()).isTrue();
    ben.close();
    assertThat(ann.event("presence").get("online").getAsBoolean()).isFalse();
    JsonArray list = ann.ok("list_contacts").getAsJsonArray("contacts");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).getAsJsonObject().get("user").getAsString()).isEqualTo("ben");
    assertThat(list.get(0).getAsJsonObject().get("online").getAsBoolean()).isFalse();
    ann.ok("remove_contact", "user", "ben");
    assertThat(ann.ok("list_contacts").getAsJsonArray("contacts")).isEmpty();
    // Ben's presence no longer reaches Ann.
    RawClient ben2 = new RawClient(server.port()).hello();
    clients.add(ben2);
    ben2.login("ben", PASSWORD);
    assertThat(
            ann.nothing(
                f -> f.get("type").getAsString().equals("presence"), Duration.ofMillis(500)))
        .isTrue();
  }
}
