package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.protocol.AuthKey;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Accounts that send an auth key instead of the password (docs/PROTOCOL.md §5), the one-time
 * upgrade of a legacy account, and every refusal in between, driven with the raw client.
 */
class AuthKeyTest extends ServerTestBase {
  // Few iterations keep the test quick; the server cannot tell and does not care.
  static String key(String user, String password) {
    return AuthKey.derive(user, password.toCharArray(), 1000);
  }

  static final String NEW_PASSWORD = "N3wPassword";

  String scheme(String user) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + server.config().dataDir().resolve(ParleyServer.DATABASE_FILE));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT scheme FROM users WHERE name = '" + user + "'")) {
      return rs.next() ? String.valueOf(rs.getInt(1)) : "none";
    }
  }

  @Test
  void theAuthKeyMatchesTheVectorInTheProtocolDocument() {
    // docs/PROTOCOL.md §5; the same value comes from Python's hashlib.pbkdf2_hmac.
    assertThat(AuthKey.derive(" Alice", "Sup3rSecret".toCharArray()))
        .isEqualTo("eRqqwLZXFC9q0AwfCKl9pc03pNOmCxGN+3fkDMg82pk=");
  }

  @Test
  void registerAndLogInWithAnAuthKey() throws Exception {
    String k = key("amy", PASSWORD);
    RawClient c = connect().hello();
    assertThat(c.ok("register", "username", "Amy", "authKey", k).get("user").getAsString())
        .isEqualTo("amy");
    c.ok("logout");
    c.ok("login", "username", "amy", "authKey", k);
    assertThat(scheme("amy")).isEqualTo("1");
    RawClient d = connect().hello();
    assertThat(code(d.call("login", "username", "amy", "authKey", key("amy", "Wr0ngPassword"))))
        .isEqualTo("bad_credentials");
    // The password itself is not a credential of such an account.
    assertThat(code(d.call("login", "username", "amy", "password", PASSWORD)))
        .isEqualTo("bad_credentials");
    // Both at once is only for upgrading a legacy account.
    assertThat(code(d.call("login", "username", "amy", "password", PASSWORD, "authKey", k)))
        .isEqualTo("bad_request");
  }

  @Test
  void anUnknownUserWithAnAuthKeyLooksLikeAWrongKey() throws Exception {
    connect().hello().register("ben", PASSWORD).close();
    connect().hello().ok("register", "username", "bob", "authKey", key("bob", PASSWORD));
    RawClient c = connect().hello();
    JsonObject unknown = c.call("login", "username", "nobody", "authKey", key("nobody", PASSWORD));
    JsonObject wrong = c.call("login", "username", "bob", "authKey", key("bob", "Wr0ngPassword"));
    assertThat(code(unknown)).isEqualTo("bad_credentials");
    assertThat(code(wrong)).isEqualTo("bad_credentials");
    assertThat(unknown.get("message")).isEqualTo(wrong.get("message"));
  }

  @Test
  void registerTakesExactlyOneWellFormedCredential() throws Exception {
    RawClient c = connect().hello();
    String k = key("cat", PASSWORD);
    assertThat(code(c.call("register", "username", "cat", "password", PASSWORD, "authKey", k)))
        .isEqualTo("bad_request");
    assertThat(code(c.call("register", "username", "cat"))).isEqualTo("bad_request");
    byte[] raw = Base64.getDecoder().decode(k);
    String[] malformed = {
      "not base64!",
      Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 31)),
      Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 33)),
      Base64.getEncoder().withoutPadding().encodeToString(raw),
      Base64.getUrlEncoder().encodeToString(new byte[32]).replace('A', '_'),
      "",
    };
    for (String bad : malformed) {
      assertThat(code(c.call("register", "username", "cat", "authKey", bad)))
          .as("authKey %s", bad)
          .isEqualTo("bad_request");
      assertThat(code(c.call("login", "username", "cat", "authKey", bad)))
          .as("login authKey %s", bad)
          .isEqualTo("bad_request");
    }
    assertThat(code(c.call("register", "username", "cat", "authKey", 42))).isEqualTo("bad_request");
    // The server cannot check the policy of a derived key: any well-formed key registers.
    c.ok("register", "username", "cat", "authKey", key("cat", "weak"));
  }

  @Test
  void aLegacyAccountIsToldToUpgradeAndThatIsNotAFailedGuess() throws Exception {
    connect().hello().register("dan", PASSWORD).close();
    assertThat(scheme("dan")).isEqualTo("0");
    RawClient c = connect().hello();
    for (int i = 0; i < 8; i++) {
      assertThat(code(c.call("login", "username", "dan", "authKey", key("dan", PASSWORD))))
          .isEqualTo("upgrade_required");
    }
    // Still not throttled, and the legacy login keeps working.
    c.login("dan", PASSWORD).ok("logout");
    assertThat(scheme("dan")).isEqualTo("0");
  }

  @Test
  void theOneTimeUpgradeChecksThePasswordAndThenStoresTheKey() throws Exception {
    connect().hello().register("eve", PASSWORD).close();
    String k = key("eve", PASSWORD);
    RawClient c = connect().hello();
    assertThat(code(c.call("login", "username", "eve", "password", "Wr0ngPassword", "authKey", k)))
        .isEqualTo("bad_credentials");
    assertThat(scheme("eve")).isEqualTo("0");
    assertThat(c.ok("login", "username", "eve", "password", PASSWORD, "authKey", k)).isNotNull();
    c.ok("logout");
    assertThat(scheme("eve")).isEqualTo("1");
    c.ok("login", "username", "eve", "authKey", k);
    c.ok("logout");
    assertThat(code(c.call("login", "username", "eve", "password", PASSWORD)))
        .isEqualTo("bad_credentials");
    assertThat(code(c.call("login", "username", "eve", "password", PASSWORD, "authKey", k)))
        .isEqualTo("bad_request");
  }

  @Test
  void changePasswordUsesTheAccountsOwnScheme() throws Exception {
    String k = key("fox", PASSWORD);
    String k2 = key("fox", NEW_PASSWORD);
    RawClient c = connect().hello();
    c.ok("register", "username", "fox", "authKey", k);
    // The wrong scheme for this account, mixed fields, and a wrong old key.
    assertThat(
            code(c.call("change_password", "oldPassword", PASSWORD, "newPassword", NEW_PASSWORD)))
        .isEqualTo("bad_credentials");
    assertThat(code(c.call("change_password", "oldAuthKey", k, "newPassword", NEW_PASSWORD)))
        .isEqualTo("bad_request");
    assertThat(code(c.call("change_password", "oldAuthKey", k))).isEqualTo("bad_request");
    assertThat(code(c.call("change_password", "oldAuthKey", k2, "newAuthKey", k2)))
        .isEqualTo("bad_credentials");
    c.ok("change_password", "oldAuthKey", k, "newAuthKey", k2);
    c.ok("logout");
    assertThat(code(c.call("login", "username", "fox", "authKey", k))).isEqualTo("bad_credentials");
    c.ok("login", "username", "fox", "authKey", k2);
    assertThat(scheme("fox")).isEqualTo("1");
  }

  @Test
  void aLegacyAccountChangesItsPasswordTheLegacyWay() throws Exception {
    RawClient c = connect().hello().register("gil", PASSWORD);
    assertThat(
            code(
                c.call(
                    "change_password",
                    "oldAuthKey",
                    key("gil", PASSWORD),
                    "newAuthKey",
                    key("gil", NEW_PASSWORD))))
        .isEqualTo("bad_credentials");
    assertThat(code(c.call("change_password", "oldPassword", PASSWORD, "newPassword", "weak")))
        .isEqualTo("weak_password");
    c.ok("change_password", "oldPassword", PASSWORD, "newPassword", NEW_PASSWORD);
    assertThat(scheme("gil")).isEqualTo("0");
    c.ok("logout");
    c.login("gil", NEW_PASSWORD);
  }

  /** The schema the first release created (schema version 1), as a wave-1 file holds it. */
  static final String WAVE_ONE_SCHEMA =
      """
      CREATE TABLE users (name TEXT PRIMARY KEY, hash TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE identities (
        user TEXT PRIMARY KEY REFERENCES users(name) ON DELETE CASCADE, dh BLOB NOT NULL,
        sign BLOB NOT NULL, spk_id INTEGER NOT NULL, spk BLOB NOT NULL, spk_sig BLOB NOT NULL,
        updated_at INTEGER NOT NULL);
      CREATE TABLE prekeys (
        user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE, id INTEGER NOT NULL,
        key BLOB NOT NULL, PRIMARY KEY (user, id));
      CREATE TABLE contacts (
        owner TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        contact TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        added_at INTEGER NOT NULL, PRIMARY KEY (owner, contact));
      CREATE INDEX contacts_by_contact ON contacts(contact);
      CREATE TABLE queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        recipient TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        sender TEXT NOT NULL, msg_id TEXT NOT NULL, envelope BLOB NOT NULL,
        sent_at INTEGER NOT NULL);
      CREATE INDEX queue_by_recipient ON queue(recipient, seq);
      CREATE UNIQUE INDEX queue_by_ack ON queue(recipient, sender, msg_id);
      CREATE TABLE seen (
        sender TEXT NOT NULL, msg_id TEXT NOT NULL, seen_at INTEGER NOT NULL,
        PRIMARY KEY (sender, msg_id));
      CREATE INDEX seen_by_age ON seen(seen_at);
      CREATE TABLE receipts (
        rid INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        peer TEXT NOT NULL, msg_id TEXT NOT NULL, status TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX receipts_by_owner ON receipts(owner, rid);
      PRAGMA user_version = 1;
      """;

  @Test
  void aWaveOneDatabaseIsMigratedAndItsAccountsLogInAndUpgrade() throws Exception {
    server.close();
    java.nio.file.Path old = dir.resolve("wave1");
    java.nio.file.Files.createDirectories(old);
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + old.resolve(ParleyServer.DATABASE_FILE));
        Statement s = c.createStatement()) {
      for (String sql : WAVE_ONE_SCHEMA.split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
      s.execute(
          "INSERT INTO users VALUES ('hana', '"
              + org.mindrot.jbcrypt.BCrypt.hashpw(PASSWORD, org.mindrot.jbcrypt.BCrypt.gensalt(4))
              + "', 1)");
    }
    server = TestServer.start(old);
    assertThat(scheme("hana")).isEqualTo("0");
    RawClient c = connect().hello();
    assertThat(code(c.call("login", "username", "hana", "authKey", key("hana", PASSWORD))))
        .isEqualTo("upgrade_required");
    c.login("hana", PASSWORD).ok("logout");
    c.ok("login", "username", "hana", "password", PASSWORD, "authKey", key("hana", PASSWORD));
    assertThat(scheme("hana")).isEqualTo("1");
    c.ok("logout");
    c.ok("login", "username", "hana", "authKey", key("hana", PASSWORD));
  }
}
