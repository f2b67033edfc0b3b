package dev.parley.bench.load;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;

/** Drives started senders until every acknowledged message arrived, or progress stalls. */
final class RelayRun {
  private static final Duration STALL = Duration.ofSeconds(30);

  private RelayRun() {}

  /**
   * Starts the windows (one per connection, paced and warmed up as {@code s} says) and waits for
   * the outcome.
   */
  static RelayResult measure(
      String mode,
      Target target,
      RelaySettings s,
      List<SendWindow> senders,
      List<DeliveryTracker> receivers)
      throws InterruptedException {
    return measure(mode, target::serverCpu, s, senders, receivers);
  }

  /** As above, for a server whose CPU time so far {@code serverCpu} tells. */
  static RelayResult measure(
      String mode,
      java.util.function.Supplier<Duration> serverCpu,
      RelaySettings s,
      List<SendWindow> senders,
      List<DeliveryTracker> receivers)
      throws InterruptedException {
    Duration cpuBefore = serverCpu.get();
    Duration ownCpuBefore = Report.ownCpu();
    long start = System.nanoTime();
    long warmUp = (long) (s.warmUpSeconds() * 1e9);
    receivers.forEach(r -> r.recordFrom(start + warmUp));
    if (s.rate() > 0) {
      Pacer.start(senders, s.rate());
    } else {
      senders.forEach(SendWindow::start);
    }
    long lastProgress = System.nanoTime();
    long lastCount = -1;
    while (true) {
      Thread.sleep(20);
      long acked = senders.stream().mapToLong(SendWindow::acknowledgedCount).sum();
      long delivered = receivers.stream().mapToLong(DeliveryTracker::delivered).sum();
      boolean sendersDone = senders.stream().allMatch(SendWindow::finished);
      if (sendersDone && delivered >= acked) {
        break;
      }
      if (acked + delivered != lastCount) {
        lastCount = acked + delivered;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
        System.err.println("no progress for " + STALL.toSeconds() + " s; reporting what arrived");
        break;
      }
    }
    long end = receivers.stream().mapToLong(DeliveryTracker::lastDeliveryNanos).max().orElse(start);
    long wall = Math.max(1, end - start);
    Duration cpu = serverCpu.get().minus(cpuBefore);
    Duration ownCpu = Report.ownCpu().minus(ownCpuBefore);
    Histogram all = latencies(receivers);
    return new RelayResult(
        mode,
        senders.size(),
        senders.stream().mapToLong(SendWindow::acknowledgedCount).sum(),
        receivers.stream().mapToLong(DeliveryTracker::delivered).sum(),
        receivers.stream().mapToLong(DeliveryTracker::duplicated).sum(),
        receivers.stream().mapToLong(DeliveryTracker::reordered).sum(),
        senders.stream().mapToLong(SendWindow::refusedCount).sum(),
        wall / 1e9,
        all.getValueAtPercentile(50) / 1000.0,
        all.getValueAtPercentile(99) / 1000.0,
        all.getMaxValue() / 1000.0,
        s.warmUpSeconds(),
        Report.cores(cpu, wall),
        Report.cores(ownCpu, wall));
  }

  /**
   * The latencies {@code receivers} recorded, each histogram counted once however many share it.
   */
  static Histogram latencies(List<DeliveryTracker> receivers) {
    Histogram all = new Histogram(DeliveryTracker.MAX_LATENCY_MICROS, 3);
    Set<Histogram> sinks = Collections.newSetFromMap(new IdentityHashMap<>());
    receivers.forEach(r -> sinks.add(r.latencies()));
    sinks.forEach(all::add);
    return all;
  }
}
