package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** Typed field reads; here, that binary fields take only canonical, padded standard base64. */
class FieldsTest {

  @Test
  void integerFieldsTakeIntegerLiteralsOnly() throws Exception {
    assertThat(Fields.integer(Json.parseObject("{\"n\":1}"), "n", 0, 10)).isEqualTo(1);
    assertThat(Fields.integer(Json.parseObject("{\"n\":-0}"), "n", 0, 10)).isZero();
    for (String n : new String[] {"1.0", "1e0", "10E-1", "0.1e1", "1.5"}) {
      JsonObject f = Json.parseObject("{\"n\":" + n + "}");
      assertThatThrownBy(() -> Fields.integer(f, "n", 0, 10))
          .as(n)
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("whole number");
    }
  }

  @Test
  void takesCanonicalPaddedBase64() throws Exception {
    assertThat(Fields.bytes(frame("AAE="), "b", 10)).containsExactly(0, 1);
    assertThat(Fields.bytes(frame("AAEC"), "b", 10)).containsExactly(0, 1, 2);
    assertThat(Fields.bytes(frame("+/8="), "b", 10)).containsExactly(0xfb, 0xff);
    assertThat(Fields.bytesExactly(frame("AAAAAA=="), "b", 4)).containsExactly(0, 0, 0, 0);
  }

  @Test
  void refusesEveryOtherSpellingOfTheSameBytes() {
    for (String s :
        new String[] {
          "AAE", // no padding
          "AAF=", // non-zero pad bits ("AAE=" is the canonical form of the same bytes)
          "AAA",
          "AAAAAA",
          "AAAAAA=",
          "AAAAAB==", // unpadded, under-padded, pad bits
          "AAE==",
          "AA==AA==",
          "AA E=",
          "AAE=\n",
          "-_8=",
          "AAE=\u0000",
          "===="
        }) {
      assertThatThrownBy(() -> Fields.bytes(frame(s), "b", 10))
          .as("%s", s)
          .isInstanceOfSatisfying(
              ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
    assertThatThrownBy(() -> Fields.bytesExactly(frame("AAAAAA"), "b", 4))
        .isInstanceOf(ProtocolException.class);
  }

  private static JsonObject frame(String b64) {
    JsonObject o = new JsonObject();
    o.addProperty("b", b64);
    return o;
  }
}
