package dev.parley.bench.load;

import java.util.BitSet;
import java.util.function.LongPredicate;
import org.HdrHistogram.Histogram;

/** What one receiver got from its partner: unique, duplicated, out of order, and latency. */
final class DeliveryTracker {
  private final BitSet seen = new BitSet();
  private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
  private final LongPredicate recordLatencyOf;
  private long recordFromNanos = Long.MIN_VALUE;
  private int highest = -1;
  private long delivered;
  private long duplicated;
  private long reordered;
  private long lastDeliveryNanos;

  /** {@code recordLatencyOf} picks, by send time (nanoTime), which latencies count. */
  DeliveryTracker(LongPredicate recordLatencyOf) {
    this.recordLatencyOf = recordLatencyOf;
  }

  /** Message {@code seq}, sent at {@code sentNanos}, arrived now. */
  synchronized void received(int seq, long sentNanos) {
    long now = System.nanoTime();
    if (seen.get(seq)) {
      duplicated++;
      return;
    }
    seen.set(seq);
    delivered++;
    lastDeliveryNanos = now;
    if (seq < highest) {
      reordered++;
    }
    highest = Math.max(highest, seq);
    if (sentNanos >= recordFromNanos && recordLatencyOf.test(sentNanos)) {
      latencyMicros.recordValue(Math.max(0, (now - sentNanos) / 1_000));
    }
  }

  /** Counts only the latencies of messages sent at {@code nanos} (nanoTime) or later. */
  synchronized void recordFrom(long nanos) {
    recordFromNanos = nanos;
  }

  synchronized long delivered() {
    return delivered;
  }

  synchronized long duplicated() {
    return duplicated;
  }

  synchronized long reordered() {
    return reordered;
  }

  synchronized long lastDeliveryNanos() {
    return lastDeliveryNanos;
  }

  /** Adds this receiver's latencies to {@code into}. */
  synchronized void addLatenciesTo(Histogram into) {
    into.add(latencyMicros);
  }
}
