package dev.parley.bench.load;

import dev.parley.client.api.ClientConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.HdrHistogram.Histogram;

/**
 * Relay through the client core on both ends: X3DH set-up, Double Ratchet per message, local
 * history in SQLite, acknowledgements and receipts, exactly as the desktop app does it. The text of
 * each message carries its sequence number and send time ({@link CoreTraffic#text}).
 */
final class EncryptedRelay implements AutoCloseable {
  // Key stores are sealed with few PBKDF2 iterations: unlocking is not what is measured here.
  private static final int KEY_STORE_ITERATIONS = 10_000;
  private static final int SETUP_IN_FLIGHT = 16;

  private final Target target;
  private final RelaySettings settings;
  private final List<CoreUser> users = new ArrayList<>();
  private final List<SendWindow> senders = new ArrayList<>();
  private final List<DeliveryTracker> receivers = new ArrayList<>();

  private EncryptedRelay(Target target, RelaySettings settings) {
    this.target = target;
    this.settings = settings;
  }

  /** Creates the pairs' accounts through the client core, sending nothing yet. */
  static EncryptedRelay prepare(Target target, RelaySettings s) {
    EncryptedRelay relay = new EncryptedRelay(target, s);
    String prefix = LoadUser.runPrefix();
    int n = 2 * s.pairs();
    String padding = CoreTraffic.padding(s.size());
    Semaphore slots = new Semaphore(SETUP_IN_FLIGHT);
    List<CompletableFuture<?>> setUp = new ArrayList<>();
    Histogram latencies = DeliveryTracker.sharedLatencies();
    for (int i = 0; i < n; i++) {
      String me = prefix + "-" + i;
      String partner = prefix + "-" + (i ^ 1);
      CoreUser user =
          new CoreUser(
              target,
              me,
              new ClientConfig(
                  target.scratch().resolve(me), KEY_STORE_ITERATIONS, Duration.ofSeconds(2)));
      relay.users.add(user);
      DeliveryTracker tracker = new DeliveryTracker(sent -> true, latencies);
      relay.receivers.add(tracker);
      SendWindow window =
          new SendWindow(
              s.messages(),
              s.window(),
              seq -> user.client().send(partner, CoreTraffic.text(seq, padding)));
      relay.senders.add(window);
      user.open(new CoreTraffic(partner, tracker, window::acknowledged));
      slots.acquireUninterruptibly();
      setUp.add(user.register().whenComplete((r, e) -> slots.release()));
    }
    CompletableFuture.allOf(setUp.toArray(CompletableFuture[]::new)).join();
    return relay;
  }

  /** Sends everything and reports once all acknowledged messages arrived. */
  RelayResult measure() throws InterruptedException {
    return RelayRun.measure("e2e", target, settings, senders, receivers);
  }

  /** Messages that reached their recipients so far. */
  long delivered() {
    return receivers.stream().mapToLong(DeliveryTracker::delivered).sum();
  }

  @Override
  public void close() {
    users.parallelStream().forEach(CoreUser::close);
  }
}
