package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict frame parser both ends use (docs/PROTOCOL.md §2). */
class JsonTest {

  @Test
  void parsesAnOrdinaryFrameAndKeepsNumbersAsWritten() throws Exception {
    JsonObject f =
        Json.parseObject(
            "{\"type\":\"send\",\"id\":\"1\",\"n\":12345678901234567890123,\"f\":1.50,"
                + "\"b\":true,\"z\":null,\"a\":[1,\"x\",{\"k\":[]}],\"o\":{}}");
    assertThat(f.get("type").getAsString()).isEqualTo("send");
    assertThat(f.get("n").getAsString()).isEqualTo("12345678901234567890123");
    assertThat(f.get("f").getAsString()).isEqualTo("1.50");
    assertThat(f.get("b").getAsBoolean()).isTrue();
    assertThat(f.get("z").isJsonNull()).isTrue();
    assertThat(f.getAsJsonArray("a")).hasSize(3);
    assertThat(Json.write(f)).startsWith("{\"type\":\"send\",\"id\":\"1\"");
  }

  @Test
  void refusesDuplicateKeysAtAnyDepth() {
    assertRefused("{\"type\":\"ping\",\"type\":\"hello\"}");
    assertRefused("{\"type\":\"ping\",\"x\":{\"a\":1,\"b\":2,\"a\":1}}");
    assertRefused("{\"type\":\"ping\",\"x\":[[{\"a\":[{\"q\":1,\"q\":null}]}]]}");
  }

  @Test
  void boundsTheNesting() throws Exception {
    // The frame is level 1, so 31 more fit and 32 do not.
    Json.parseObject("{\"x\":" + "[".repeat(31) + "]".repeat(31) + "}");
    Json.parseObject("{\"x\":" + "{\"a\":".repeat(31) + "1" + "}".repeat(31) + "}");
    assertRefused("{\"x\":" + "[".repeat(32) + "]".repeat(32) + "}");
    assertRefused("{\"x\":" + "{\"a\":".repeat(32) + "1" + "}".repeat(32) + "}");
    // Far deeper is refused as cheaply, without a stack overflow.
    assertRefused("{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
  }

  @Test
  void refusesUnpairedSurrogatesInValuesAndKeys() throws Exception {
    assertRefused("{\"id\":\"a\\ud800b\"}");
    assertRefused("{\"id\":\"\\udc00\"}");
    assertRefused("{\"id\":\"\\ude00\\ud83d\"}");
    assertRefused("{\"id\":\"x\\ud83d\"}");
    assertRefused("{\"\\ud800\":1}");
    assertRefused("{\"a\":[\"ok\",\"\\udbff\"]}");
    // Lone surrogates that reach the parser as chars, not escapes, too.
    assertRefused("{\"id\":\"a\ud800b\"}");
    assertThat(Json.parseObject("{\"id\":\"\\ud83d\\ude00\"}").get("id").getAsString())
        .isEqualTo("😀");
    assertThat(Json.parseObject("{\"id\":\"\\u0000\"}").get("id").getAsString()).isEqualTo("\0");
  }

  @Test
  void refusesWhatIsNotStrictJson() {
    assertRefused("");
    assertRefused("[]");
    assertRefused("\"text\"");
    assertRefused("{\"a\":1}{\"b\":2}");
    assertRefused("{\"a\":1} x");
    assertRefused("{'a':1}");
    assertRefused("{a:1}");
    assertRefused("{\"a\":01}");
    assertRefused("{\"a\":NaN}");
    assertRefused("{\"a\":1,}");
    assertRefused("{\"a\":\"tab\there\"}"); // raw control characters must be escaped
    assertRefused("{\"a\":\"nul\0\"}");
    assertRefused("/* c */{\"a\":1}");
    assertRefused("\ufeff{\"a\":1}");
  }

  @Test
  void decodesUtf8StrictlyWithoutReplacing() throws Exception {
    assertThat(
            Json.parseUtf8(ByteBuffer.wrap("{\"id\":\"é😀\"}".getBytes(StandardCharsets.UTF_8)))
                .get("id")
                .getAsString())
        .isEqualTo("é😀");
    int[][] bad = {
      {0xC3, 0x28},
      {0xC0, 0xAF},
      {0xE0, 0x80, 0xAF},
      {0xED, 0xA0, 0x80},
      {0xF4, 0x90, 0x80, 0x80},
      {0xF8, 0x88, 0x80, 0x80, 0x80},
      {0x80},
      {0xC3},
      {0xFE},
      {0xFF}
    };
    for (int[] seq : bad) {
      byte[] prefix = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);
      byte[] suffix = "\"}".getBytes(StandardCharsets.US_ASCII);
      ByteBuffer b = ByteBuffer.allocate(prefix.length + seq.length + suffix.length);
      b.put(prefix);
      for (int x : seq) {
        b.put((byte) x);
      }
      b.put(suffix).flip();
      assertThatThrownBy(() -> Json.parseUtf8(b))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("UTF-8");
    }
  }

  private static void assertRefused(String line) {
    assertThatThrownBy(() -> Json.parseObject(line))
        .as("%s", line.length() > 80 ? line.substring(0, 80) + "…" : line)
        .isInstanceOfSatisfying(
            ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }
}
