package dev.parley.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code send}: through the real client core on both ends, one client writes M texts to one online
 * contact as fast as the API takes them (all written at once; the client sends them in order) and
 * times the server's acknowledgements and the arrivals.
 */
@Command(
    name = "send",
    description =
        "Through the client core: one client writes M texts at once to one online contact;"
            + " rate until all are sent and until all arrived.")
final class SendCommand implements Callable<Integer> {
  private static final Duration STALL = Duration.ofSeconds(60);

  @Mixin TargetOptions target = TargetOptions.withBcryptCost(12);
  @Mixin CoreOptions core = new CoreOptions();

  @Option(
      names = {"-m", "--messages"},
      description = "Texts to send (default: ${DEFAULT-VALUE}).")
  int messages = 10_000;

  @Override
  public Integer call() throws Exception {
    // The started server lets this sender fill the queue, should the contact fall behind.
    return CoreRun.execute(target, core, messages, t -> run(t, core, messages));
  }

  /** Registers a pair and has its sender write {@code messages} texts at once. */
  static SendResult run(Target t, CoreOptions o, int messages) throws Exception {
    try (CorePair pair = CorePair.register(t, o)) {
      DeliveryTracker arrived = new DeliveryTracker(sentAt -> true);
      CoreTraffic recipient = pair.reopenRecipient(arrived);
      pair.recipient.connect().get(STALL.toSeconds(), TimeUnit.SECONDS);
      pair.recipient.login().get(STALL.toSeconds(), TimeUnit.SECONDS);

      CoreTraffic sender = pair.senderTraffic;
      long start = System.nanoTime();
      pair.sendAll(messages, STALL);
      long sent = sender.acknowledged() - sender.failed();
      Progress.await(arrived::delivered, sent, STALL);
      Histogram latency = RelayRun.latencies(List.of(arrived));
      return new SendResult(
          messages,
          sent,
          (sender.lastAcknowledgedNanos() - start) / 1e9,
          arrived.delivered(),
          arrived.duplicated(),
          arrived.reordered(),
          (arrived.lastDeliveryNanos() - start) / 1e9,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          Problems.of(sender, recipient));
    }
  }
}
