package dev.parley.bench.load;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code offline}: messages queue for an offline user; how long its login takes to drain them. */
@Command(
    name = "offline",
    description = "Queues Q messages for an offline user, then times the login that drains them.")
final class OfflineCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = {"-q", "--queued"},
      description = "Messages to queue (default: ${DEFAULT-VALUE}, the server's per-user limit).")
  int queued = 10_000;

  @Option(
      names = {"-s", "--size"},
      description = "Envelope bytes (default: ${DEFAULT-VALUE}).")
  int size = 200;

  @Override
  public Integer call() throws Exception {
    try (Target t = Target.open(target)) {
      List<LoadUser> users = LoadUser.senderAndOfflineRecipient(t);
      LoadUser sender = users.get(0);
      LoadUser recipient = users.get(1);

      byte[] filler = new byte[Math.max(16, size)];
      ThreadLocalRandom.current().nextBytes(filler);
      SendWindow w = OpaqueRelay.window(sender, recipient.name, queued, 64, filler);
      long queueStart = System.nanoTime();
      w.start();
      while (!w.finished()) {
        Thread.sleep(10);
      }
      double queueSeconds = (System.nanoTime() - queueStart) / 1e9;

      DeliveryTracker tracker = new DeliveryTracker(sent -> false);
      recipient.onEvents(f -> OpaqueRelay.onEvent(recipient, sender.name, tracker, f));
      long loginStart = System.nanoTime();
      recipient.login(t).get(60, TimeUnit.SECONDS);
      double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
      long expected = w.acknowledgedCount();
      Progress.await(tracker::delivered, expected, Duration.ofSeconds(30));
      double drainSeconds = (tracker.lastDeliveryNanos() - loginStart) / 1e9;
      long delivered = tracker.delivered();
      String summary =
          String.format(
              Locale.ROOT,
              "offline: %,d messages queued in %.2f s (%,.0f msgs/s); the login answered in %.3f"
                  + " s and drained %,d of them (%d lost, %d duplicated, %d reordered) in %.2f s ="
                  + " %,.0f msgs/s",
              expected,
              queueSeconds,
              expected / queueSeconds,
              loginSeconds,
              delivered,
              expected - delivered,
              tracker.duplicated(),
              tracker.reordered(),
              drainSeconds,
              delivered / drainSeconds);
      JsonObject json = new JsonObject();
      json.addProperty("mode", "offline");
      json.addProperty("queued", expected);
      json.addProperty("refused", w.refusedCount());
      json.addProperty("queueSeconds", Report.round(queueSeconds));
      json.addProperty("loginSeconds", Report.round(loginSeconds));
      json.addProperty("delivered", delivered);
      json.addProperty("lost", expected - delivered);
      json.addProperty("duplicated", tracker.duplicated());
      json.addProperty("reordered", tracker.reordered());
      json.addProperty("drainSeconds", Report.round(drainSeconds));
      json.addProperty("drainMsgsPerSecond", Math.round(delivered / drainSeconds));
      Report.print(summary, json);
      users.forEach(LoadUser::disconnect);
      return delivered == expected && tracker.duplicated() == 0 ? 0 : 1;
    }
  }
}
