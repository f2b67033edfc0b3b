package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What a receiver counts: every delivery, and only the latencies a run asked for. */
class DeliveryTrackerTest {

  @Test
  void aWarmUpLeavesOutOnlyTheLatenciesOfMessagesSentDuringIt() {
    DeliveryTracker t = new DeliveryTracker(sent -> true);
    long now = System.nanoTime();
    t.recordFrom(now);
    t.received(0, now - 1_000_000_000L); // sent during the warm-up, a second ago
    t.received(1, now);
    t.received(1, now); // a duplicate counts as one, as before
    assertThat(t.delivered()).isEqualTo(2);
    assertThat(t.duplicated()).isEqualTo(1);
    Histogram h = RelayRun.latencies(List.of(t));
    assertThat(h.getTotalCount()).isEqualTo(1);
    assertThat(h.getMaxValue()).isLessThan(1_000_000); // not the warm-up's second
  }

  @Test
  void receiversSharingAHistogramCountEachLatencyOnce() {
    Histogram shared = DeliveryTracker.sharedLatencies();
    DeliveryTracker a = new DeliveryTracker(sent -> true, shared);
    DeliveryTracker b = new DeliveryTracker(sent -> true, shared);
    DeliveryTracker own = new DeliveryTracker(sent -> true);
    long now = System.nanoTime();
    a.received(0, now);
    b.received(0, now);
    b.received(1, now);
    own.received(0, now);
    assertThat(shared.getTotalCount()).isEqualTo(3);
    assertThat(RelayRun.latencies(List.of(a, b, own)).getTotalCount()).isEqualTo(4);
  }
}
