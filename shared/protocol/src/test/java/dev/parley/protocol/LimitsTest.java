package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The numbers of docs/PROTOCOL.md, and the ones derived from them. */
class LimitsTest {

  @Test
  void theDocumentedNumbers() {
    assertThat(Limits.DEFAULT_MAX_FRAME_BYTES).isEqualTo(65_536);
    assertThat(Limits.MAX_ENVELOPE_BYTES).isEqualTo(48_128);
    assertThat(Limits.MAX_TYPING_BYTES).isEqualTo(2_048);
    assertThat(Limits.MAX_PREKEYS_PER_UPLOAD).isEqualTo(200);
    assertThat(Limits.MAX_STORED_PREKEYS).isEqualTo(1_000);
    assertThat(Limits.KEYS_LOW_THRESHOLD).isEqualTo(20);
    assertThat(Limits.MAX_PASSWORD_CHARS).isEqualTo(256);
    assertThat(Limits.MAX_JSON_DEPTH).isEqualTo(32);
    assertThat(Limits.AUTH_KEY_CHARS).isEqualTo(44);
  }

  @Test
  void theLargestSendFitsTheDefaultFrame() {
    String envelope = Base64.getEncoder().encodeToString(new byte[Limits.MAX_ENVELOPE_BYTES]);
    String frame =
        "{\"type\":\"send\",\"id\":\""
            + "i".repeat(Limits.MAX_ID_CHARS)
            + "\",\"to\":\""
            + "u".repeat(Limits.MAX_USER_FIELD_CHARS)
            + "\",\"msgId\":\""
            + "m".repeat(Limits.MAX_MSG_ID_CHARS)
            + "\",\"envelope\":\""
            + envelope
            + "\"}";
    assertThat(frame.length()).isLessThanOrEqualTo(Limits.DEFAULT_MAX_FRAME_BYTES);
  }

  @Test
  void theRulesUseThem() {
    assertThat(UsernameRules.MIN).isEqualTo(Limits.USERNAME_MIN_CHARS);
    assertThat(UsernameRules.MAX).isEqualTo(Limits.USERNAME_MAX_CHARS);
    assertThat(PasswordPolicy.MAX_BYTES).isEqualTo(Limits.PASSWORD_MAX_BYTES);
    assertThat(Json.MAX_DEPTH).isEqualTo(Limits.MAX_JSON_DEPTH);
    assertThat(AuthKey.BYTES).isEqualTo(Limits.AUTH_KEY_BYTES);
  }
}
