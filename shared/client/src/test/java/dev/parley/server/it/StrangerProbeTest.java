package dev.parley.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ServerAddress;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.SignedPreKey;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stranger cannot learn when someone comes online by making their client answer. */
class StrangerProbeTest extends ServerTestBase {
  @Test
  void aStrangerIsNotToldWhenSomeoneComesOnline() throws Exception {
    ServerAddress a = new ServerAddress("127.0.0.1", server.port());
    ParleyClient alice =
        new ParleyClient(new ClientConfig(dir.resolve("alice"), 1_000, Duration.ofSeconds(1)));
    alice.trustServer(a, server.fingerprint());
    alice.connect(a).get(20, TimeUnit.SECONDS);
    alice.register("alice", ServerHarness.PASSWORD.toCharArray()).get(20, TimeUnit.SECONDS);
    alice.close();

    RawClient mallory = connect().hello().register("mallory", ServerHarness.PASSWORD);
    // Mallory publishes real keys, as any client does (so a reset can reach her).
    KeyStoreContents keys = KeyStoreContents.createNew(System.currentTimeMillis());
    SignedPreKey spk = keys.currentSignedPreKey();
    JsonObject spkJson = new JsonObject();
    spkJson.addProperty("id", spk.id());
    spkJson.addProperty("key", Base64.getEncoder().encodeToString(spk.key().publicKey()));
    spkJson.addProperty("signature", Base64.getEncoder().encodeToString(spk.signature()));
    mallory.ok(
        "publish_keys",
        "identityDh",
        keys.identity().publicKey().dh(),
        "identitySign",
        keys.identity().publicKey().sign(),
        "signedPreKey",
        spkJson,
        "oneTimePreKeys",
        new com.google.gson.JsonArray());
    mallory.ok("send", "to", "alice", "msgId", "probe-1", "envelope", new byte[] {1, 2, 3});
    assertThat(
            mallory.nothing(
                f -> f.get("type").getAsString().equals("message"), Duration.ofSeconds(2)))
        .as("alice offline: nothing")
        .isTrue();

    ParleyClient again =
        new ParleyClient(new ClientConfig(dir.resolve("alice"), 1_000, Duration.ofSeconds(1)));
    again.connect(a).get(20, TimeUnit.SECONDS);
    again.login("alice", ServerHarness.PASSWORD.toCharArray()).get(20, TimeUnit.SECONDS);
    Thread.sleep(1_000);
    // Alice is online: one probe (a junk envelope) from a stranger.
    mallory.ok("send", "to", "alice", "msgId", "probe-2", "envelope", new byte[] {4, 5, 6});
    boolean told =
        !mallory.nothing(
            f ->
                f.get("type").getAsString().equals("message")
                    && f.get("from").getAsString().equals("alice"),
            Duration.ofSeconds(5));
    again.close();
    assertThat(told).as("a stranger learned the moment alice came online").isFalse();
  }
}
