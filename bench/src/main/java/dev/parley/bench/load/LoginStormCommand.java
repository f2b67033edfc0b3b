package dev.parley.bench.load;

import com.google.gson.JsonObject;
import dev.parley.client.net.ServerConnection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code login-storm}: K logins at once while a relay runs; compares the relay's latency during the
 * storm with a relay alone.
 */
@Command(
    name = "login-storm",
    description =
        "K concurrent logins during an opaque relay; reports logins/s and the relay's p99 latency"
            + " with and without the storm.")
final class LoginStormCommand implements Callable<Integer> {
  // Logins are only a storm at the product's real cost.
  @Mixin TargetOptions target = TargetOptions.withBcryptCost(12);
  @Mixin RelayOptions relay = new RelayOptions();

  @Option(
      names = {"-k", "--logins"},
      description = "Concurrent logins (default: ${DEFAULT-VALUE}).")
  int logins = 200;

  @Override
  public Integer call() throws Exception {
    try (Target t = Target.open(target)) {
      List<LoadUser> storm = LoadUser.named(LoadUser.runPrefix() + "s", logins);
      System.err.println("registering " + logins + " accounts for the storm…");
      LoadUser.registerAll(t, storm);
      storm.forEach(LoadUser::disconnect);

      RelayResult alone = RelayCommand.run(t, relay.settings(), true);
      System.out.println("without the storm: " + alone.summary());

      AtomicLong stormStart = new AtomicLong(Long.MAX_VALUE);
      AtomicLong stormEnd = new AtomicLong(Long.MAX_VALUE);
      AtomicInteger failed = new AtomicInteger();
      RelaySettings endless = relay.settings().withMessages(Integer.MAX_VALUE);
      OpaqueRelay during =
          OpaqueRelay.prepare(
              t, endless, sent -> sent >= stormStart.get() && sent <= stormEnd.get());
      Thread storming =
          new Thread(
              () -> {
                try {
                  // The relay reaches its pace first, and its warm-up is over.
                  Thread.sleep(Math.max(1_000, (long) (relay.warmUp * 1_000)));
                  stormStart.set(System.nanoTime());
                  // A login that fails (times out) still ends; the storm ends with the last one.
                  CompletableFuture.allOf(
                          storm.stream()
                              .map(
                                  u ->
                                      u.login(t)
                                          .handle(
                                              (ok, err) -> {
                                                if (err != null) {
                                                  failed.incrementAndGet();
                                                }
                                                return null;
                                              }))
                              .toArray(CompletableFuture[]::new))
                      .join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  stormEnd.set(System.nanoTime());
                  during.senders().forEach(SendWindow::stop);
                }
              },
              "login-storm");
      storming.start();
      RelayResult withStorm;
      try {
        withStorm = during.measure();
      } finally {
        during.close();
      }
      storming.join();
      double stormSeconds = (stormEnd.get() - stormStart.get()) / 1e9;
      int succeeded = logins - failed.get();
      double loginsPerSecond = succeeded / stormSeconds;
      String summary =
          String.format(
              Locale.ROOT,
              "login-storm: %d concurrent logins (%d failed or timed out after %d s) took %.2f s ="
                  + " %.1f logins/s; relay p99 %.2f ms"
                  + " during the storm (p50 %.2f, max %.2f, %,.0f msgs/s) against %.2f ms without"
                  + " (%,.0f msgs/s); %d lost",
              logins,
              failed.get(),
              ServerConnection.REQUEST_TIMEOUT_SECONDS,
              stormSeconds,
              loginsPerSecond,
              withStorm.p99Millis(),
              withStorm.p50Millis(),
              withStorm.maxMillis(),
              withStorm.messagesPerSecond(),
              alone.p99Millis(),
              alone.messagesPerSecond(),
              withStorm.lost() + alone.lost());
      JsonObject json = new JsonObject();
      json.addProperty("mode", "login-storm");
      json.addProperty("logins", logins);
      json.addProperty("loginsFailed", failed.get());
      json.addProperty("stormSeconds", Report.round(stormSeconds));
      json.addProperty("loginsPerSecond", Report.round(loginsPerSecond));
      json.add("relayDuringStorm", withStorm.json());
      json.add("relayAlone", alone.json());
      Report.print(summary, json);
      storm.forEach(LoadUser::disconnect);
      return withStorm.lost() + alone.lost() == 0 && failed.get() == 0 ? 0 : 1;
    }
  }
}
