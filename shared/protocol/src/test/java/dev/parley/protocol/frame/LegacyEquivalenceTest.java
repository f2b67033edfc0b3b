package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decoding a request gives exactly the outcome the server's reading had before the typed frames
 * ({@link LegacyReading}): the same code, message and rules, or success, for every field of every
 * request removed or replaced by a table of values, one and two fields at a time.
 */
class LegacyEquivalenceTest {
  static final String B32 = Base64.getEncoder().encodeToString(new byte[32]);
  static final String B64 = Base64.getEncoder().encodeToString(new byte[64]);
  static final String KEY = "eRqqwLZXFC9q0AwfCKl9pc03pNOmCxGN+3fkDMg82pk=";

  interface Old {
    void run(JsonObject f) throws ProtocolException;
  }

  static String outcome(Old o, JsonObject f) {
    try {
      o.run(f);
      return "ok";
    } catch (ProtocolException e) {
      return e.code() + ":" + e.getMessage() + ":" + e.rules();
    }
  }

  static final List<JsonElement> KINDS =
      new ArrayList<>(
          List.of(
              JsonNull.INSTANCE,
              new JsonPrimitive(true),
              new JsonPrimitive(-1),
              new JsonPrimitive(0),
              new JsonPrimitive(1),
              new JsonPrimitive(2147483648L),
              new JsonPrimitive(1.5),
              new JsonPrimitive(""),
              new JsonPrimitive("x"),
              new JsonPrimitive("ab"),
              new JsonPrimitive("Bob"),
              new JsonPrimitive(" bob "),
              new JsonPrimitive("b!b"),
              new JsonPrimitive("a".repeat(33)),
              new JsonPrimitive("a".repeat(65)),
              new JsonPrimitive("AAAA"),
              new JsonPrimitive("AAE"),
              new JsonPrimitive("AAF="),
              new JsonPrimitive(B32),
              new JsonPrimitive(B64),
              new JsonPrimitive(KEY),
              new JsonPrimitive("weakpass"),
              new JsonPrimitive("Sup3rSecret"),
              new JsonPrimitive("alice"),
              new JsonPrimitive("P1" + "é".repeat(40)),
              new JsonPrimitive("P1".repeat(200)),
              new JsonPrimitive("m 1"),
              new JsonPrimitive(Base64.getEncoder().encodeToString(new byte[3000])),
              new JsonPrimitive(Base64.getEncoder().encodeToString(new byte[48_129])),
              new JsonArray(),
              new JsonObject()));

  static final String[] BASES = {
    "{\"type\":\"hello\",\"id\":\"1\",\"version\":1,\"software\":\"x\"}",
    "{\"type\":\"register\",\"id\":\"1\",\"username\":\"alice\",\"authKey\":\"" + KEY + "\"}",
    "{\"type\":\"register\",\"id\":\"1\",\"username\":\"alice\",\"password\":\"Sup3rSecret\"}",
    "{\"type\":\"login\",\"id\":\"1\",\"username\":\"alice\",\"password\":\"Sup3rSecret\",\"authKey\":\""
        + KEY
        + "\"}",
    "{\"type\":\"change_password\",\"id\":\"1\",\"oldAuthKey\":\""
        + KEY
        + "\",\"newAuthKey\":\""
        + KEY
        + "\"}",
    "{\"type\":\"change_password\",\"id\":\"1\",\"oldPassword\":\"Sup3rSecret\",\"newPassword\":\"Sup3rSecret2\"}",
    "{\"type\":\"publish_keys\",\"id\":\"1\",\"identityDh\":\""
        + B32
        + "\",\"identitySign\":\""
        + B32
        + "\",\"signedPreKey\":{\"id\":1,\"key\":\""
        + B32
        + "\",\"signature\":\""
        + B64
        + "\"},\"oneTimePreKeys\":[{\"id\":1,\"key\":\""
        + B32
        + "\"}]}",
    "{\"type\":\"fetch_bundle\",\"id\":\"1\",\"user\":\"bob\"}",
    "{\"type\":\"add_contact\",\"id\":\"1\",\"user\":\"bob\"}",
    "{\"type\":\"remove_contact\",\"id\":\"1\",\"user\":\"bob\"}",
    "{\"type\":\"send\",\"id\":\"1\",\"to\":\"bob\",\"msgId\":\"m1\",\"envelope\":\"AQI=\"}",
    "{\"type\":\"ack\",\"id\":\"1\",\"from\":\"bob\",\"msgId\":\"m1\"}",
    "{\"type\":\"ack_receipt\",\"id\":\"1\",\"rid\":1}",
    "{\"type\":\"typing\",\"id\":\"1\",\"to\":\"bob\",\"envelope\":\"AQI=\"}",
    "{\"type\":\"ping\",\"id\":\"1\"}",
    "{\"type\":\"logout\",\"id\":\"1\"}",
    "{\"type\":\"list_contacts\",\"id\":\"1\"}",
  };

  static final String[] EXTRA_KEYS = {
    "username",
    "password",
    "authKey",
    "oldPassword",
    "newPassword",
    "oldAuthKey",
    "newAuthKey",
    "user",
    "to",
    "from",
    "msgId",
    "envelope"
  };

  @Test
  void everyVariantHasTheOutcomeItHadBefore() throws Exception {
    int n = 0;
    List<String> diffs = new ArrayList<>();
    for (String base : BASES) {
      JsonObject root = Json.parseObject(base);
      String type = root.get("type").getAsString();
      List<JsonObject> variants = new ArrayList<>();
      variants.add(root.deepCopy());
      mutate(root, root, variants);
      for (String k : EXTRA_KEYS) {
        if (!root.has(k)) {
          for (JsonElement kind : KINDS) {
            JsonObject v = root.deepCopy();
            v.add(k, kind);
            variants.add(v);
          }
        }
      }
      // pairs of mutations of two top-level fields
      List<String> keys = new ArrayList<>(root.keySet());
      keys.remove("type");
      keys.remove("id");
      for (String a : keys)
        for (String b : keys)
          if (!a.equals(b))
            for (JsonElement ka : KINDS)
              for (JsonElement kb :
                  List.of(KINDS.get(0), KINDS.get(2), KINDS.get(9), KINDS.get(16))) {
                JsonObject v = root.deepCopy();
                v.add(a, ka);
                v.add(b, kb);
                variants.add(v);
              }
      for (JsonObject v : variants) {
        n++;
        String o = outcome(f -> LegacyReading.read(type, f, "alice"), v);
        String nw =
            outcome(
                f -> {
                  var r = FrameCodec.decodeRequest(FrameCodec.readEnvelope(f));
                  if (r instanceof ChangePasswordRequest c) c.checkNewPassword("alice");
                },
                v);
        if (!o.equals(nw)) diffs.add(v + "\n  old " + o + "\n  new " + nw);
      }
    }
    assertThat(n).isGreaterThan(10_000);
    assertThat(diffs).isEmpty();
  }

  static void mutate(JsonObject root, JsonObject node, List<JsonObject> out) {
    for (String key : List.copyOf(node.keySet())) {
      if (node == root && (key.equals("type") || key.equals("id"))) continue;
      JsonElement original = node.get(key);
      node.remove(key);
      out.add(root.deepCopy());
      for (JsonElement kind : KINDS) {
        node.add(key, kind);
        out.add(root.deepCopy());
      }
      node.add(key, original);
      if (original.isJsonObject()) mutate(root, original.getAsJsonObject(), out);
      else if (original.isJsonArray())
        for (JsonElement e : original.getAsJsonArray())
          if (e.isJsonObject()) mutate(root, e.getAsJsonObject(), out);
    }
  }
}
