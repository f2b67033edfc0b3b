package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server is not trusted: every malformed server frame decodes to a {@link ProtocolException} with
 * a clear message, never a NullPointerException or ClassCastException. A table of hand-made cases
 * per type, then every field of every valid frame removed or replaced by each JSON kind.
 */
class MalformedServerFramesTest {
  private static final String B32 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final String B64 =
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

  /** Valid server frames: events, and answers with the type of the request they answer. */
  private static final Map<String, String> EVENTS =
      Map.of(
          "hello",
              "{\"type\":\"hello\",\"version\":1,\"software\":\"Parley server 0.1.0\",\"name\":\"Office\"}",
          "message",
              "{\"type\":\"message\",\"from\":\"alice\",\"msgId\":\"m1\",\"envelope\":\"AQI=\",\"sentAt\":5}",
          "receipt",
              "{\"type\":\"receipt\",\"rid\":1,\"to\":\"bob\",\"msgId\":\"m1\",\"status\":\"delivered\",\"at\":7}",
          "presence", "{\"type\":\"presence\",\"user\":\"bob\",\"online\":true}",
          "typing", "{\"type\":\"typing\",\"from\":\"alice\",\"envelope\":\"AQI=\"}",
          "keys_low", "{\"type\":\"keys_low\",\"remaining\":19}",
          "error",
              "{\"type\":\"error\",\"code\":\"timeout\",\"message\":\"The connection was idle.\"}");

  private static final List<String[]> ANSWERS =
      List.of(
          new String[] {FrameType.HELLO, "{\"type\":\"ok\",\"re\":\"1\",\"version\":1}"},
          new String[] {FrameType.LOGIN, "{\"type\":\"ok\",\"re\":\"2\",\"user\":\"alice\"}"},
          new String[] {
            FrameType.PUBLISH_KEYS, "{\"type\":\"ok\",\"re\":\"4\",\"oneTimePreKeys\":2}"
          },
          new String[] {
            FrameType.FETCH_BUNDLE,
            "{\"type\":\"ok\",\"re\":\"6\",\"user\":\"bob\",\"identityDh\":\""
                + B32
                + "\",\"identitySign\":\""
                + B32
                + "\",\"signedPreKey\":{\"id\":1,\"key\":\""
                + B32
                + "\",\"signature\":\""
                + B64
                + "\"},\"oneTimePreKey\":{\"id\":1,\"key\":\""
                + B32
                + "\"}}"
          },
          new String[] {
            FrameType.ADD_CONTACT,
            "{\"type\":\"ok\",\"re\":\"5\",\"contact\":{\"user\":\"bob\",\"online\":false,\"mutual\":false}}"
          },
          new String[] {
            FrameType.LIST_CONTACTS,
            "{\"type\":\"ok\",\"re\":\"5\",\"contacts\":[{\"user\":\"bob\",\"online\":false,\"mutual\":true}]}"
          },
          new String[] {
            FrameType.SEND,
            "{\"type\":\"ok\",\"re\":\"7\",\"msgId\":\"m1\",\"sentAt\":1795550000000,\"duplicate\":false}"
          },
          new String[] {FrameType.ACK, "{\"type\":\"ok\",\"re\":\"3\"}"},
          new String[] {FrameType.PING, "{\"type\":\"pong\",\"re\":\"3\"}"},
          new String[] {
            FrameType.REGISTER,
            "{\"type\":\"error\",\"re\":\"2\",\"code\":\"weak_password\",\"message\":\"m\",\"rules\":[\"too_short\"],\"retryAfterMs\":3}"
          });

  @Test
  void theValidFramesDecode() throws Exception {
    for (String line : EVENTS.values()) {
      assertThat(FrameCodec.encode(FrameCodec.decodeEvent(line))).isEqualTo(line);
    }
    for (String[] a : ANSWERS) {
      assertThat(FrameCodec.encode(FrameCodec.decodeAnswer(a[1], a[0]))).isEqualTo(a[1]);
    }
  }

  /** Hand-made cases: the frame and a part of the message it must fail with. */
  private static final String[][] EVENT_CASES = {
    {"{}", "missing field 'type'"},
    {"{\"type\":5}", "field 'type' must be a string"},
    {"{\"type\":\"gossip\"}", "Unknown event type 'gossip'"},
    {"{\"type\":\"hello\",\"software\":\"x\"}", "missing field 'version'"},
    {"{\"type\":\"hello\",\"version\":\"1\",\"software\":\"x\"}", "must be a number"},
    {"{\"type\":\"hello\",\"version\":1}", "missing field 'software'"},
    {
      "{\"type\":\"hello\",\"version\":1,\"software\":\"x\",\"name\":[]}", "'name' must be a string"
    },
    {
      "{\"type\":\"message\",\"from\":\"Alice\",\"msgId\":\"m\",\"envelope\":\"AQI=\",\"sentAt\":1}",
      "invalid user name"
    },
    {
      "{\"type\":\"message\",\"from\":\"alice\",\"msgId\":\"m\",\"envelope\":\"AQI\",\"sentAt\":1}",
      "standard base64"
    },
    {
      "{\"type\":\"message\",\"from\":\"alice\",\"msgId\":\"m\",\"envelope\":\"AQI=\",\"sentAt\":-1}",
      "must be between 0"
    },
    {
      "{\"type\":\"message\",\"from\":\"alice\",\"msgId\":\"m\",\"envelope\":\"AQI=\"}",
      "missing field 'sentAt'"
    },
    {
      "{\"type\":\"message\",\"from\":\"alice\",\"msgId\":\"\",\"envelope\":\"AQI=\",\"sentAt\":1}",
      "'msgId' must have 1 to 64"
    },
    {
      "{\"type\":\"receipt\",\"rid\":0,\"to\":\"bob\",\"msgId\":\"m\",\"status\":\"delivered\",\"at\":1}",
      "'rid' must be between 1"
    },
    {
      "{\"type\":\"receipt\",\"rid\":1,\"to\":\"bob\",\"msgId\":\"m\",\"at\":1}",
      "missing field 'status'"
    },
    {"{\"type\":\"presence\",\"user\":\"bob\",\"online\":\"yes\"}", "must be true or false"},
    {"{\"type\":\"presence\",\"user\":\"bob\"}", "missing field 'online'"},
    {"{\"type\":\"presence\",\"user\":\"b\",\"online\":true}", "invalid user name"},
    {"{\"type\":\"typing\",\"from\":\"alice\",\"envelope\":{}}", "'envelope' must be a string"},
    {"{\"type\":\"keys_low\",\"remaining\":1.5}", "whole number"},
    {"{\"type\":\"keys_low\",\"remaining\":2147483648}", "must be between 0 and 2147483647"},
    {"{\"type\":\"error\",\"message\":\"m\"}", "missing field 'code'"},
    {"{\"type\":\"error\",\"code\":\"internal\"}", "missing field 'message'"},
    {
      "{\"type\":\"error\",\"code\":\"internal\",\"message\":\"m\",\"rules\":[1]}",
      "rules holds strings"
    },
    {
      "{\"type\":\"error\",\"code\":\"internal\",\"message\":\"m\",\"rules\":\"x\"}",
      "must be an array"
    },
    {
      "{\"type\":\"error\",\"code\":\"internal\",\"message\":\"m\",\"retryAfterMs\":-5}",
      "must be between 0"
    },
  };

  @Test
  void handMadeEventCases() {
    for (String[] c : EVENT_CASES) {
      assertThatThrownBy(() -> FrameCodec.decodeEvent(c[0]))
          .as(c[0])
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining(c[1]);
    }
  }

  private static final String[][] ANSWER_CASES = {
    {FrameType.HELLO, "{\"type\":\"ok\",\"version\":1}", "missing field 're'"},
    {FrameType.HELLO, "{\"type\":\"ok\",\"re\":1,\"version\":1}", "'re' must be a string"},
    {FrameType.HELLO, "{\"type\":\"message\",\"re\":\"1\"}", "does not answer a hello request"},
    {FrameType.LOGIN, "{\"type\":\"ok\",\"re\":\"1\"}", "missing field 'user'"},
    {FrameType.PUBLISH_KEYS, "{\"type\":\"ok\",\"re\":\"1\",\"oneTimePreKeys\":-1}", "between 0"},
    {
      FrameType.FETCH_BUNDLE,
      "{\"type\":\"ok\",\"re\":\"6\",\"user\":\"bob\",\"identityDh\":\"AAE=\"}",
      "decode to 32 bytes"
    },
    {
      FrameType.FETCH_BUNDLE,
      "{\"type\":\"ok\",\"re\":\"6\",\"user\":\"bob\",\"identityDh\":\""
          + B32
          + "\",\"identitySign\":\""
          + B32
          + "\",\"signedPreKey\":[]}",
      "'signedPreKey' must be an object"
    },
    {
      FrameType.FETCH_BUNDLE,
      "{\"type\":\"ok\",\"re\":\"6\",\"user\":\"bob\",\"identityDh\":\""
          + B32
          + "\",\"identitySign\":\""
          + B32
          + "\",\"signedPreKey\":{\"id\":1,\"key\":\""
          + B32
          + "\",\"signature\":\""
          + B32
          + "\"}}",
      "'signature' must decode to 64 bytes"
    },
    {
      FrameType.FETCH_BUNDLE,
      "{\"type\":\"ok\",\"re\":\"6\",\"user\":\"bob\",\"identityDh\":\""
          + B32
          + "\",\"identitySign\":\""
          + B32
          + "\",\"signedPreKey\":{\"id\":1,\"key\":\""
          + B32
          + "\",\"signature\":\""
          + B64
          + "\"},\"oneTimePreKey\":5}",
      "'oneTimePreKey' must be an object"
    },
    {
      FrameType.ADD_CONTACT,
      "{\"type\":\"ok\",\"re\":\"5\",\"contact\":\"bob\"}",
      "must be an object"
    },
    {
      FrameType.ADD_CONTACT,
      "{\"type\":\"ok\",\"re\":\"5\",\"contact\":{\"user\":\"bob\",\"online\":null}}",
      "missing field 'online'"
    },
    {FrameType.LIST_CONTACTS, "{\"type\":\"ok\",\"re\":\"5\"}", "'contacts' must be an array"},
    {
      FrameType.LIST_CONTACTS,
      "{\"type\":\"ok\",\"re\":\"5\",\"contacts\":[1]}",
      "contacts holds objects"
    },
    {
      FrameType.SEND,
      "{\"type\":\"ok\",\"re\":\"7\",\"msgId\":\"m 1\",\"sentAt\":1,\"duplicate\":false}",
      "msgId is 1 to 64"
    },
    {
      FrameType.SEND,
      "{\"type\":\"ok\",\"re\":\"7\",\"msgId\":\"m1\",\"sentAt\":1}",
      "missing field 'duplicate'"
    },
    {FrameType.ACK, "{\"type\":\"pong\",\"re\":\"7\"}", "does not answer a ack request"},
    {FrameType.PING, "{\"type\":\"pong\",\"re\":7}", "'re' must be a string"},
    {
      FrameType.SEND,
      "{\"type\":\"error\",\"re\":\"7\",\"code\":[],\"message\":\"m\"}",
      "'code' must be a string"
    },
  };

  @Test
  void handMadeAnswerCases() {
    for (String[] c : ANSWER_CASES) {
      assertThatThrownBy(() -> FrameCodec.decodeAnswer(c[1], c[0]))
          .as(c[1])
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining(c[2]);
    }
  }

  @Test
  void unknownErrorCodesReadAsInternal() throws Exception {
    Event e =
        FrameCodec.decodeEvent("{\"type\":\"error\",\"code\":\"new_thing\",\"message\":\"m\"}");
    assertThat(((ErrorFrame) e).code()).isEqualTo(ErrorCode.INTERNAL);
  }

  private static final List<JsonElement> KINDS =
      List.of(
          JsonNull.INSTANCE,
          new JsonPrimitive(true),
          new JsonPrimitive(-1),
          new JsonPrimitive(1.5),
          new JsonPrimitive(""),
          new JsonPrimitive("x"),
          new JsonPrimitive("AAAA"),
          new JsonArray(),
          new JsonObject());

  /** Every frame with each of its fields (at any depth) removed or replaced by each JSON kind. */
  private static List<JsonObject> variants(JsonObject frame) {
    List<JsonObject> out = new ArrayList<>();
    mutate(frame, frame, out);
    return out;
  }

  private static void mutate(JsonObject root, JsonObject node, List<JsonObject> out) {
    for (String key : List.copyOf(node.keySet())) {
      JsonElement original = node.get(key);
      node.remove(key);
      out.add(root.deepCopy());
      for (JsonElement kind : KINDS) {
        node.add(key, kind);
        out.add(root.deepCopy());
      }
      node.add(key, original);
      if (original.isJsonObject()) {
        mutate(root, original.getAsJsonObject(), out);
      } else if (original.isJsonArray()) {
        for (JsonElement e : original.getAsJsonArray()) {
          if (e.isJsonObject()) {
            mutate(root, e.getAsJsonObject(), out);
          }
        }
      }
    }
  }

  @Test
  void everyMutationIsAProtocolExceptionOrAValidFrame() throws Exception {
    int refused = 0;
    for (String line : EVENTS.values()) {
      for (JsonObject v : variants(Json.parseObject(line))) {
        refused += outcome(() -> FrameCodec.decodeEvent(v), v);
      }
    }
    for (String[] a : ANSWERS) {
      for (JsonObject v : variants(Json.parseObject(a[1]))) {
        refused += outcome(() -> FrameCodec.decodeAnswer(v, a[0]), v);
      }
    }
    assertThat(refused).isGreaterThan(300);
  }

  private interface Decode {
    Frame run() throws ProtocolException;
  }

  /** 1 when refused with a ProtocolException, 0 when it decodes; fails on anything else. */
  private static int outcome(Decode d, JsonObject frame) {
    try {
      Frame f = d.run();
      // What decodes must also encode again, without failing.
      FrameCodec.encode(f);
      return 0;
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).as(frame.toString()).isNotBlank();
      return 1;
    } catch (RuntimeException e) {
      return fail("%s on %s", e, frame);
    }
  }
}
