package dev.parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  @Test
  void aBurstThenTheRateWithTheTimeToWait() {
    KeyedRateLimiter limiter = new KeyedRateLimiter(6, 3); // one every 10 s
    long t = 1_000;
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.take("mallory", t)).isZero();
    }
    assertThat(limiter.take("mallory", t)).isEqualTo(10_000);
    assertThat(limiter.take("carol", t)).isZero(); // keys are independent
    assertThat(limiter.take("mallory", t + TimeUnit.SECONDS.toNanos(4))).isEqualTo(6_000);
    assertThat(limiter.tryTake("mallory", t + TimeUnit.SECONDS.toNanos(10))).isTrue();
    assertThat(limiter.tryTake("mallory", t + TimeUnit.SECONDS.toNanos(10))).isFalse();
  }

  @Test
  void refilledKeysAreForgottenSoMemoryStaysBounded() {
    KeyedRateLimiter limiter = new KeyedRateLimiter(60, 2); // refilled from empty in 2 s
    long t = 0;
    for (int i = 0; i < 5_000; i++) {
      limiter.take("user" + i, t);
    }
    assertThat(limiter.size()).isEqualTo(5_000);
    // Later, new keys keep coming; the old ones have refilled and are swept out.
    for (int i = 0; i < 5_000; i++) {
      limiter.take("later" + i, t + MINUTE);
    }
    assertThat(limiter.size()).isLessThanOrEqualTo(5_000); // not 10,000: the first wave is gone
    // A forgotten key starts again with a full burst, exactly as if it had been kept.
    assertThat(limiter.take("user1", t + MINUTE)).isZero();
    assertThat(limiter.take("user1", t + MINUTE)).isZero();
    assertThat(limiter.take("user1", t + MINUTE)).isPositive();
  }

  @Test
  void aRefusedTakeCostsNothingAndAClockThatStepsBackGrantsNoTokens() {
    KeyedRateLimiter limiter = new KeyedRateLimiter(6, 1); // one every 10 s
    long t = TimeUnit.SECONDS.toNanos(100);
    assertThat(limiter.take("bob", t)).isZero();
    // Unlike a connection's bucket, refusals run up no debt: the wait does not grow.
    assertThat(limiter.take("bob", t)).isEqualTo(10_000);
    assertThat(limiter.take("bob", t)).isEqualTo(10_000);
    // Another thread's older reading of the clock neither refills nor rewinds the bucket.
    assertThat(limiter.take("bob", t - TimeUnit.SECONDS.toNanos(50))).isEqualTo(10_000);
    assertThat(limiter.take("bob", t + TimeUnit.SECONDS.toNanos(10))).isZero();
  }

  @Test
  void theRateAndTheBurstMustBePositive() {
    assertThatThrownBy(() -> new KeyedRateLimiter(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyedRateLimiter(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
