package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md §2: frames are parsed strictly. Duplicate keys, nesting beyond the bound,
 * strings that are not valid UTF-16, bytes that are not valid UTF-8, base64 that is not canonical
 * with padding, and invalid request ids are refused, never repaired or guessed at.
 */
class StrictFramesTest extends ServerTestBase {

  @Test
  void duplicateKeysAreRefusedAtAnyDepth() throws Exception {
    RawClient c = connect();
    // A ping that is also a hello must be neither.
    assertConnectionError(c, "{\"type\":\"ping\",\"type\":\"hello\",\"id\":\"h1\",\"version\":1}");
    c.hello();
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"i1\",\"id\":\"i2\"}");
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"n1\",\"x\":{\"a\":1,\"a\":1}}");
    assertConnectionError(
        c, "{\"type\":\"ping\",\"id\":\"n2\",\"x\":[1,{\"k\":[{\"b\":true,\"c\":0,\"b\":true}]}]}");
    // Keys are compared exactly: these differ.
    assertPong(c, "{\"type\":\"ping\",\"id\":\"ok1\",\"x\":{\"a\":1,\"A\":1,\"a \":1}}");
  }

  @Test
  void nestingIsBoundedAt32Levels() throws Exception {
    RawClient c = connect().hello();
    // The frame itself is level 1.
    assertPong(c, "{\"type\":\"ping\",\"id\":\"d31\",\"x\":" + nested(31) + "}");
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"d32\",\"x\":" + nested(32) + "}");
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"d33\",\"x\":{\"a\":" + nested(31) + "}}");
  }

  @Test
  void unpairedSurrogatesAreRefusedAnywhereInAFrame() throws Exception {
    RawClient c = connect().hello();
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"a\\ud800b\"}");
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"s2\",\"x\":\"\\udc00\"}");
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"s3\",\"\\ud83d\":1}");
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"s4\",\"x\":[\"\\ude00\\ud83d\"]}");
    // A password that cannot be encoded is not silently changed into another one.
    assertConnectionError(
        c,
        "{\"type\":\"register\",\"id\":\"s5\",\"username\":\"surr\",\"password\":\"Passw0rd\\ud800\"}");
    // A proper pair is fine, escaped or raw.
    assertThat(pong(c, "{\"type\":\"ping\",\"id\":\"\\ud83d\\ude00\"}")).isEqualTo("😀");
    assertThat(pong(c, "{\"type\":\"ping\",\"id\":\"😀\"}")).isEqualTo("😀");
    c.register("surr", PASSWORD); // the refused register created nothing
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedNotReplaced() throws Exception {
    RawClient c = connect().hello();
    int[][] bad = {
      {0xC3, 0x28}, // a lead byte without its continuation
      {0xC0, 0xAF}, // overlong '/'
      {0xED, 0xA0, 0x80}, // an encoded surrogate
      {0xF4, 0x90, 0x80, 0x80}, // beyond U+10FFFF
      {0xFF}
    };
    for (int[] seq : bad) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      line.writeBytes("{\"type\":\"ping\",\"id\":\"u".getBytes(StandardCharsets.US_ASCII));
      for (int b : seq) {
        line.write(b);
      }
      line.writeBytes("\"}\n".getBytes(StandardCharsets.US_ASCII));
      c.sendRaw(line.toByteArray());
      assertThat(connectionError(c).get("code").getAsString()).isEqualTo("bad_request");
    }
    assertThat(pong(c, "{\"type\":\"ping\",\"id\":\"é\"}")).isEqualTo("é");
  }

  @Test
  void base64MustBeStandardWithPadding() throws Exception {
    RawClient alice = connect().hello().register("alice64", PASSWORD);
    connect().hello().register("bob64", PASSWORD);
    // {0, 1} is "AAE=" in standard base64.
    String[] wrongs = {"AAE", "AAF=", "AAE==", "AA E=", "AA-_", "AAE=\n"};
    for (int i = 0; i < wrongs.length; i++) {
      String wrong = wrongs[i];
      JsonObject a = alice.call("send", "to", "bob64", "msgId", "m" + i, "envelope", wrong);
      assertThat(code(a)).as("envelope %s", wrong).isEqualTo("bad_request");
      JsonObject t = alice.call("typing", "to", "bob64", "envelope", wrong);
      assertThat(code(t)).as("typing %s", wrong).isEqualTo("bad_request");
    }
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    JsonObject keys =
        alice.call(
            "publish_keys",
            "identityDh",
            key.substring(0, key.length() - 1), // the '=' left off
            "identitySign",
            key,
            "signedPreKey",
            signedPreKey(key));
    assertThat(code(keys)).isEqualTo("bad_request");
    alice.ok("send", "to", "bob64", "msgId", "good", "envelope", "AAE=");
    alice.ok(
        "publish_keys", "identityDh", key, "identitySign", key, "signedPreKey", signedPreKey(key));
  }

  @Test
  void aPingWithAnInvalidIdGetsAnErrorNotAPong() throws Exception {
    RawClient c = connect().hello();
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"\"}");
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":5}");
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":[\"p\"]}");
    assertConnectionError(c, "{\"type\":\"ping\",\"id\":\"" + "p".repeat(65) + "\"}");
    // No id at all is a valid keep-alive, answered by a bare pong.
    c.sendLine("{\"type\":\"ping\"}");
    JsonObject bare = c.next(f -> true);
    assertThat(bare.get("type").getAsString()).isEqualTo("pong");
    assertThat(bare.has("re")).isFalse();
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** Sends {@code line}; the answer must be a {@code bad_request} about the frame, with no re. */
  private static void assertConnectionError(RawClient c, String line) throws Exception {
    c.sendLine(line);
    JsonObject e = connectionError(c);
    assertThat(e.get("code").getAsString()).as("answer to %s", line).isEqualTo("bad_request");
  }

  /** The next frame, which must be an error without {@code re}; the connection stays open. */
  private static JsonObject connectionError(RawClient c) throws Exception {
    JsonObject e = c.next(f -> true);
    assertThat(e.get("type").getAsString()).as("frame %s", e).isEqualTo("error");
    assertThat(e.has("re")).as("frame %s", e).isFalse();
    // Still open and in step: a ping right after is answered.
    String id = c.send("ping");
    assertThat(c.next(f -> true).get("re").getAsString()).isEqualTo(id);
    return e;
  }

  private static void assertPong(RawClient c, String line) throws Exception {
    pong(c, line);
  }

  /** Sends a ping line; the next frame must be its pong; returns the {@code re}. */
  private static String pong(RawClient c, String line) throws Exception {
    c.sendLine(line);
    JsonObject f = c.next(x -> true);
    assertThat(f.get("type").getAsString()).as("answer to %s: %s", line, f).isEqualTo("pong");
    return f.get("re").getAsString();
  }

  private static String nested(int levels) {
    return "[".repeat(levels) + "]".repeat(levels);
  }

  private static JsonObject signedPreKey(String key) {
    JsonObject spk = new JsonObject();
    spk.addProperty("id", 1);
    spk.addProperty("key", key);
    spk.addProperty("signature", Base64.getEncoder().encodeToString(new byte[64]));
    return spk;
  }
}
