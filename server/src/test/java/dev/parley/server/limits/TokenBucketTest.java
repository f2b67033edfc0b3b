package dev.parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Limits;
import org.junit.jupiter.api.Test;

/** The per-connection request limit, on a clock the test controls. */
class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void servesTheBurstThenRefusesWithTheWaitUntilTheNextToken() {
    TokenBucket b = new TokenBucket(10, 3, 0); // 10/s, bursts of 3
    assertThat(b.take(0)).isZero();
    assertThat(b.take(0)).isZero();
    assertThat(b.take(0)).isZero();
    // Empty: the refused request costs a token too, so the next is 2 tokens = 200 ms away.
    assertThat(b.take(0)).isBetween(200L, 201L); // (rounded up from floating point)
    assertThat(b.take(SECOND / 5)).isZero(); // waited as told: served
    assertThat(b.overdrawn()).isFalse();
  }

  @Test
  void aPeerThatKeepsSendingWhileRefusedRunsIntoDebtAndIsOverdrawn() {
    TokenBucket b = new TokenBucket(10, 3, 0);
    long waits = 0;
    int lines = 0;
    while (!b.overdrawn()) {
      waits = b.take(0);
      lines++;
    }
    // The burst, then ten bursts of refusals, then one more.
    assertThat(lines).isEqualTo(3 + Limits.MAX_DEBT_BURSTS * 3 + 1);
    long expected = (1 + Limits.MAX_DEBT_BURSTS * 3 + 1) * 100L;
    assertThat(waits).isBetween(expected, expected + 1);
  }

  @Test
  void debtIsPaidOffAtTheSustainedRate() {
    TokenBucket b = new TokenBucket(10, 3, 0);
    for (int i = 0; i < 3 + 20; i++) {
      b.take(0);
    }
    assertThat(b.overdrawn()).isFalse();
    // 20 tokens in debt: 2.1 s later one token is back.
    assertThat(b.take(2 * SECOND)).isPositive();
    assertThat(b.take(2 * SECOND + 2 * SECOND / 10 + 1)).isZero();
    // The balance never exceeds the burst, however long the peer was quiet.
    TokenBucket quiet = new TokenBucket(10, 3, 0);
    long later = 3600 * SECOND;
    for (int i = 0; i < 3; i++) {
      assertThat(quiet.take(later)).isZero();
    }
    assertThat(quiet.take(later)).isPositive();
  }
}
