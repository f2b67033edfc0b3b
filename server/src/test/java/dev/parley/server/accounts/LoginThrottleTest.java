package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throttle's rules over time, with the clock given explicitly. */
class LoginThrottleTest {
  static final String A = "10.0.0.2";
  final LoginThrottle throttle = new LoginThrottle(20);

  long refusal(String user, String address, long now) {
    try {
      throttle.begin(user, address, now).release();
      return 0;
    } catch (ProtocolException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      return e.retryAfterMs();
    }
  }

  void fail(String user, String address, int times, long now) throws ProtocolException {
    for (int i = 0; i < times; i++) {
      throttle.begin(user, address, now).failed(now);
    }
  }

  @Test
  void theLockDoublesWithEachFailureAfterItEndsUpToFifteenMinutes() throws Exception {
    long now = 1_000_000;
    fail("amy", A, 5, now);
    assertThat(refusal("amy", A, now)).isEqualTo(30_000);
    now += 30_000;
    // When the lock ends, one more guess; its failure locks for twice as long.
    fail("amy", A, 1, now);
    assertThat(refusal("amy", A, now)).isEqualTo(60_000);
    for (int i = 0; i < 12; i++) {
      now += refusal("amy", A, now);
      fail("amy", A, 1, now);
    }
    assertThat(refusal("amy", A, now)).isEqualTo(LoginThrottle.MAX_LOCK_MILLIS);
  }

  @Test
  void afterTheLockOnlyOneAttemptAtATimeIsAllowed() throws Exception {
    long now = 1_000_000;
    fail("amy", A, 5, now);
    now += 30_000;
    LoginThrottle.Attempt probe = throttle.begin("amy", A, now);
    assertThat(refusal("amy", A, now)).isEqualTo(LoginThrottle.IN_FLIGHT_RETRY_MILLIS);
    probe.succeeded();
    assertThat(refusal("amy", A, now)).isZero();
  }

  @Test
  void failuresAreForgottenFifteenQuietMinutesAfterTheLastOne() throws Exception {
    long now = 1_000_000;
    fail("amy", A, 4, now);
    now += LoginThrottle.WINDOW_MILLIS + 1;
    // Four new failures are allowed again before the fifth locks.
    fail("amy", A, 4, now);
    assertThat(refusal("amy", A, now)).isZero();
    fail("amy", A, 1, now);
    assertThat(refusal("amy", A, now)).isEqualTo(30_000);
  }

  @Test
  void inFlightAttemptsCountAgainstTheBudgetAndReleasingGivesItBack() throws Exception {
    long now = 1_000_000;
    List<LoginThrottle.Attempt> running = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      running.add(throttle.begin("amy", A, now));
    }
    assertThat(refusal("amy", A, now)).isEqualTo(LoginThrottle.IN_FLIGHT_RETRY_MILLIS);
    running.forEach(LoginThrottle.Attempt::release);
    fail("amy", A, 4, now);
    assertThat(refusal("amy", A, now)).isZero();
  }

  @Test
  void settlingTwiceCountsOnce() throws Exception {
    long now = 1_000_000;
    for (int i = 0; i < 4; i++) {
      LoginThrottle.Attempt a = throttle.begin("amy", A, now);
      a.failed(now);
      a.failed(now);
      a.release();
    }
    assertThat(refusal("amy", A, now)).isZero();
  }

  @Test
  void theAddressLimitCoversAllAccountsAndASuccessDoesNotResetIt() throws Exception {
    long now = 1_000_000;
    for (int i = 0; i < 19; i++) {
      fail("user" + i, A, 1, now);
    }
    // Its own account's success does not wipe the address's record on the others.
    throttle.begin("mine", A, now).succeeded();
    fail("user19", A, 1, now);
    assertThat(refusal("mine", A, now)).isEqualTo(30_000);
    assertThat(refusal("mine", "10.0.0.3", now)).isZero();
  }

  @Test
  void theAddressLimitMustBePositive() {
    assertThatThrownBy(() -> new LoginThrottle(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
