package dev.parley.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Reconnection waits double from 250 ms with jitter, never exceed the maximum, and restart. */
class BackoffTest {
  @RepeatedTest(20)
  void waitsDoubleWithJitterWithinEachStep() {
    Backoff b = new Backoff(30_000);
    long step = 250;
    for (int i = 0; i < 7; i++) {
      assertThat(b.nextDelayMillis()).isBetween(step / 2, step);
      step *= 2;
    }
  }

  @RepeatedTest(20)
  void waitsNeverExceedTheMaximum() {
    Backoff b = new Backoff(1_000);
    for (int i = 0; i < 40; i++) {
      assertThat(b.nextDelayMillis()).isBetween(0L, 1_000L);
    }
    assertThat(b.nextDelayMillis()).isGreaterThanOrEqualTo(500);
  }

  @Test
  void aWorkingConnectionStartsTheStepsAgain() {
    Backoff b = new Backoff(60_000);
    for (int i = 0; i < 8; i++) {
      b.nextDelayMillis();
    }
    b.reset();

    assertThat(b.nextDelayMillis()).isBetween(125L, 250L);
  }
}
