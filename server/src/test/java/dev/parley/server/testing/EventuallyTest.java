package dev.parley.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {
  @Test
  void returnsAsSoonAsTheConditionHolds() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    Eventually.await("the third poll", Duration.ofSeconds(5), () -> polls.incrementAndGet() >= 3);
    assertThat(polls).hasValue(3);
  }

  @Test
  void failsWithWhatItWaitedForAfterTheTimeout() {
    assertThatThrownBy(() -> Eventually.await("never", Duration.ofMillis(50), () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never");
  }
}
