package dev.parley.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** However many unreadable messages a (hostile) server sends, session restarts stay rare. */
class ResetLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final ResetLimiter limiter = new ResetLimiter(now::get);

  @Test
  void aPeerGetsOneRestartPerInterval() {
    assertThat(limiter.allow("bob")).isTrue();
    assertThat(limiter.allow("bob")).isFalse();

    now.addAndGet(ResetLimiter.PER_PEER_INTERVAL_MILLIS - 1);
    assertThat(limiter.allow("bob")).isFalse();

    now.addAndGet(1);
    assertThat(limiter.allow("bob")).isTrue();
  }

  @Test
  void allPeersTogetherGetOnlyAFewRestartsAMinute() {
    for (int i = 0; i < ResetLimiter.MAX_PER_MINUTE; i++) {
      assertThat(limiter.allow("peer" + i)).isTrue();
    }
    assertThat(limiter.allow("one-more")).isFalse();

    now.addAndGet(60_001);
    assertThat(limiter.allow("one-more")).isTrue();
  }

  @Test
  void aRefusedRestartIsNotCounted() {
    for (int i = 0; i < ResetLimiter.MAX_PER_MINUTE; i++) {
      limiter.allow("peer" + i);
    }
    assertThat(limiter.allow("carol")).isFalse();

    now.addAndGet(60_001);
    // carol was refused, not recorded: her interval did not start.
    assertThat(limiter.allow("carol")).isTrue();
  }
}
