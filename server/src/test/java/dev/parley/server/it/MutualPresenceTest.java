package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 9: presence goes only to users who have each other as contacts; adding someone
 * alone does not let you watch them.
 */
class MutualPresenceTest extends ServerTestBase {

  private RawClient user(String name) throws Exception {
    RawClient c = connect().hello().register(name, PASSWORD);
    // Answered on the database reader after the login's presence announcement: no late, repeated
    // "online" for this user can arrive after this point.
    c.ok("list_contacts");
    return c;
  }

  private static boolean isPresence(JsonObject f) {
    return f.get("type").getAsString().equals("presence");
  }

  private static JsonObject presence(RawClient c) throws Exception {
    return c.next(MutualPresenceTest::isPresence);
  }

  /** True when no presence event is waiting or arrives shortly (see the positive controls). */
  private static boolean noPresence(RawClient c) throws Exception {
    return c.nothing(MutualPresenceTest::isPresence, Duration.ofMillis(300));
  }

  private static JsonObject onlyContact(RawClient c) throws Exception {
    JsonArray list = c.ok("list_contacts").getAsJsonArray("contacts");
    assertThat(list).hasSize(1);
    return list.get(0).getAsJsonObject();
  }

  @Test
  void aOneSidedWatcherGetsNoPresenceAndSeesOffline() throws Exception {
    RawClient ann = user("ann");
    RawClient carol = user("carol");
    carol.ok("add_contact", "user", "ann");
    ann.ok("add_contact", "user", "carol");
    assertThat(presence(carol).get("user").getAsString()).isEqualTo("ann");
    assertThat(presence(ann).get("user").getAsString()).isEqualTo("carol");
    RawClient eve = user("eve");
    JsonObject added = eve.ok("add_contact", "user", "ann").getAsJsonObject("contact");
    assertThat(added.get("user").getAsString()).isEqualTo("ann");
    assertThat(added.get("online").getAsBoolean()).isFalse(); // ann is online, eve may not know
    assertThat(added.get("mutual").getAsBoolean()).isFalse();
    JsonObject listed = onlyContact(eve);
    assertThat(listed.get("online").getAsBoolean()).isFalse();
    assertThat(listed.get("mutual").getAsBoolean()).isFalse();
    // Ann is not told that eve added her.
    assertThat(noPresence(ann)).isTrue();

    ann.ok("logout");
    assertThat(presence(carol).get("online").getAsBoolean()).isFalse(); // the control
    assertThat(noPresence(eve)).isTrue();
    ann.login("ann", PASSWORD);
    assertThat(presence(carol).get("online").getAsBoolean()).isTrue();
    assertThat(noPresence(eve)).isTrue();
    ann.close();
    assertThat(presence(carol).get("online").getAsBoolean()).isFalse();
    assertThat(noPresence(eve)).isTrue();
  }

  @Test
  void becomingMutualTellsBothSidesAndPresenceFollows() throws Exception {
    RawClient ann = user("ann");
    RawClient ben = user("ben");
    JsonObject first = ann.ok("add_contact", "user", "ben").getAsJsonObject("contact");
    assertThat(first.get("mutual").getAsBoolean()).isFalse();
    assertThat(first.get("online").getAsBoolean()).isFalse();
    assertThat(noPresence(ben)).isTrue();

    JsonObject back = ben.ok("add_contact", "user", "ann").getAsJsonObject("contact");
    assertThat(back.get("mutual").getAsBoolean()).isTrue();
    assertThat(back.get("online").getAsBoolean()).isTrue();
    JsonObject toAnn = presence(ann);
    assertThat(toAnn.get("user").getAsString()).isEqualTo("ben");
    assertThat(toAnn.get("online").getAsBoolean()).isTrue();
    JsonObject toBen = presence(ben);
    assertThat(toBen.get("user").getAsString()).isEqualTo("ann");
    assertThat(toBen.get("online").getAsBoolean()).isTrue();
    assertThat(onlyContact(ann).get("mutual").getAsBoolean()).isTrue();
    assertThat(onlyContact(ann).get("online").getAsBoolean()).isTrue();
    // Adding again changes nothing and announces nothing.
    ann.ok("add_contact", "user", "ben");
    assertThat(noPresence(ben)).isTrue();

    ben.ok("logout");
    assertThat(presence(ann).get("online").getAsBoolean()).isFalse();
    assertThat(onlyContact(ann).get("online").getAsBoolean()).isFalse();
    assertThat(onlyContact(ann).get("mutual").getAsBoolean()).isTrue();
    ben.login("ben", PASSWORD);
    assertThat(presence(ann).get("online").getAsBoolean()).isTrue();
  }

  @Test
  void aRemovalThatBreaksThePairTellsTheOtherSideOffline() throws Exception {
    RawClient ann = user("ann");
    RawClient ben = user("ben");
    RawClient carol = user("carol");
    ann.ok("add_contact", "user", "ben");
    ben.ok("add_contact", "user", "ann");
    ann.ok("add_contact", "user", "carol");
    carol.ok("add_contact", "user", "ann");
    presence(ann);
    presence(ann);
    presence(ben);
    presence(carol);

    ann.ok("remove_contact", "user", "ben");
    JsonObject gone = presence(ben);
    assertThat(gone.get("user").getAsString()).isEqualTo("ann");
    assertThat(gone.get("online").getAsBoolean()).isFalse();
    JsonObject left = onlyContact(ben);
    assertThat(left.get("user").getAsString()).isEqualTo("ann");
    assertThat(left.get("mutual").getAsBoolean()).isFalse();
    assertThat(left.get("online").getAsBoolean()).isFalse();
    // Removing again, or someone who is not a contact, announces nothing.
    ann.ok("remove_contact", "user", "ben");
    assertThat(noPresence(ben)).isTrue();

    ann.ok("logout");
    assertThat(presence(carol).get("online").getAsBoolean()).isFalse(); // the control
    assertThat(noPresence(ben)).isTrue();
    ann.login("ann", PASSWORD);
    assertThat(presence(carol).get("online").getAsBoolean()).isTrue();
    assertThat(noPresence(ben)).isTrue();
    // And ann no longer sees ben either (she removed him; he is one-sided now).
    ben.ok("logout");
    ben.login("ben", PASSWORD);
    assertThat(noPresence(ann)).isTrue();
  }
}
