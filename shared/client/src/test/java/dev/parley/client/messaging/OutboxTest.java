package dev.parley.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Limits;
import org.junit.jupiter.api.Test;

/** The outbox's own rules that need no server: when a refused send is tried again. */
class OutboxTest {
  @Test
  void aRetryWaitsWhatTheServerAskedWithinOneSecondAndAMinute() {
    assertThat(Outbox.retryDelayMillis(5_000)).isEqualTo(5_000);
    assertThat(Outbox.retryDelayMillis(10)).isEqualTo(1_000);
    assertThat(Outbox.retryDelayMillis(3_600_000)).isEqualTo(60_000);
  }

  @Test
  void aRetryWithoutAnAskedTimeWaitsAMinute() {
    assertThat(Outbox.retryDelayMillis(0)).isEqualTo(60_000);
  }

  @Test
  void theLongestTextThatFitsIsAcceptedAndOneMoreByteIsNot() {
    String fits =
        "x".repeat(Limits.CLIENT_MAX_PAYLOAD_BYTES - Payload.text("", "", 0).encode().length);

    assertThat(Outbox.tooLong(fits)).isEmpty();
    assertThat(Outbox.tooLong(fits + "x")).get().asString().contains("too long");
  }
}
