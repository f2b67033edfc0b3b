package dev.parley.bench.load;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idle}: many logged-in connections doing nothing; the server's memory per connection. */
@Command(
    name = "idle",
    description = "Holds N idle logged-in connections; reports server memory per connection.")
final class IdleCommand implements Callable<Integer> {
  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = {"-n", "--connections"},
      description = "Idle connections (default: ${DEFAULT-VALUE}).")
  int connections = 2_000;

  @Option(
      names = "--warm-up",
      description =
          "Connections opened before the baseline, so one-off costs (classes, JIT, buffer pools)"
              + " are not charged to the measured ones (default: ${DEFAULT-VALUE}).")
  int warmUp = 100;

  @Option(
      names = "--pre-touch",
      description =
          "Start the server with its whole heap resident (-XX:+AlwaysPreTouch), so that the"
              + " growth is what the connections hold and not heap pages used for the first time"
              + " (a fixed cost, at most the heap's size); the live heap they hold is added.")
  boolean preTouch;

  @Override
  public Integer call() throws Exception {
    if (preTouch) {
      target.serverJavaOptions.add("-XX:+AlwaysPreTouch");
    }
    try (Target t = Target.open(target)) {
      ServerProcess server =
          t.process()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "idle measures the server's memory: run it without --server"));
      String prefix = LoadUser.runPrefix();
      List<LoadUser> warm = LoadUser.named(prefix + "w", warmUp);
      LoadUser.registerAll(t, warm);
      long heapBefore = server.collectAndMeasureHeap();
      Thread.sleep(1_000);
      long rssBefore = server.residentBytes();
      List<LoadUser> idle = LoadUser.named(prefix, connections);
      LoadUser.registerAll(t, idle);
      Thread.sleep(2_000);
      long heapAfter = server.collectAndMeasureHeap();
      Thread.sleep(1_000);
      long rssAfter = server.residentBytes();
      long open = idle.stream().filter(u -> u.connection().isOpen()).count();
      double rssPer = (rssAfter - rssBefore) / (double) connections / 1024;
      double heapPer = (heapAfter - heapBefore) / (double) connections / 1024;
      // With the heap resident from the start, the growth is outside it: the live heap is extra.
      double perConnection = preTouch ? rssPer + heapPer : rssPer;
      String summary =
          String.format(
              Locale.ROOT,
              "idle: %,d logged-in TLS connections (%,d still open); server resident memory"
                  + " %,d → %,d MiB%s = %.1f KiB per connection (Java heap %.1f KiB per"
                  + " connection)",
              connections,
              open,
              rssBefore >> 20,
              rssAfter >> 20,
              preTouch ? ", heap pre-touched, plus the live heap" : "",
              perConnection,
              heapPer);
      JsonObject json = new JsonObject();
      json.addProperty("mode", "idle");
      json.addProperty("connections", connections);
      json.addProperty("open", open);
      json.addProperty("rssBeforeBytes", rssBefore);
      json.addProperty("rssAfterBytes", rssAfter);
      json.addProperty("preTouch", preTouch);
      json.addProperty("rssKiBPerConnection", Report.round(rssPer));
      json.addProperty("kiBPerConnection", Report.round(perConnection));
      json.addProperty("heapKiBPerConnection", Report.round(heapPer));
      Report.print(summary, json);
      warm.forEach(LoadUser::disconnect);
      idle.forEach(LoadUser::disconnect);
      return open == connections ? 0 : 1;
    }
  }
}
