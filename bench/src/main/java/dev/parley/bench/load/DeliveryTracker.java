package dev.parley.bench.load;

import java.util.BitSet;
import java.util.function.LongPredicate;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * What one receiver got from its partner: unique, duplicated, out of order, and latency. The
 * receivers of a run share one latency histogram: at 3 significant digits up to an hour one takes
 * about 190 KB, so one per receiver held close to a gigabyte at 5,000 connections and the generator
 * spent its time in garbage collection.
 */
final class DeliveryTracker {
  /** The longest latency a histogram holds, in microseconds (an hour). */
  static final long MAX_LATENCY_MICROS = 3_600_000_000L;

  private final BitSet seen = new BitSet();
  private final Histogram latencyMicros;
  private final LongPredicate recordLatencyOf;
  private long recordFromNanos = Long.MIN_VALUE;
  private int highest = -1;
  private long delivered;
  private long duplicated;
  private long reordered;
  private long lastDeliveryNanos;

  /**
   * {@code recordLatencyOf} picks, by send time (nanoTime), which latencies count; they go into
   * {@code latencyMicros}, which other trackers may share (a {@link #sharedLatencies}).
   */
  DeliveryTracker(LongPredicate recordLatencyOf, Histogram latencyMicros) {
    this.recordLatencyOf = recordLatencyOf;
    this.latencyMicros = latencyMicros;
  }

  /** A tracker with latencies of its own. */
  DeliveryTracker(LongPredicate recordLatencyOf) {
    this(recordLatencyOf, new Histogram(MAX_LATENCY_MICROS, 3));
  }

  /** A latency histogram (microseconds) that the receivers of one run may share. */
  static Histogram sharedLatencies() {
    return new SynchronizedHistogram(MAX_LATENCY_MICROS, 3);
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

  /**
   * The histogram this receiver records into, perhaps shared with others ({@link
   * RelayRun#latencies} counts each once).
   */
  synchronized Histogram latencies() {
    return latencyMicros;
  }
}
