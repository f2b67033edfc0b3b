package dev.parley.bench.load;

import com.google.gson.JsonObject;

/** Runs a client-core mode against the target its options name and reports it. */
final class CoreRun {
  private CoreRun() {}

  /** One measurement on an open target. */
  @FunctionalInterface
  interface Measurement {
    CoreResult run(Target target) throws Exception;
  }

  /**
   * Opens the target (a started server lets one sender queue {@code messages} for one recipient),
   * measures, prints the summary and JSON lines; exit code 0 when nothing went missing.
   */
  static int execute(TargetOptions target, CoreOptions core, int messages, Measurement m)
      throws Exception {
    target.shareAtLeast(messages);
    try (Target t = Target.open(target)) {
      CoreResult r = m.run(t);
      JsonObject json = new JsonObject();
      json.addProperty("mode", r.mode());
      json.addProperty("size", core.size);
      json.addProperty("iterations", core.iterations);
      json.addProperty("requestLimit", target.requestLimit());
      json.addProperty("busiestRequestsPerSecond", Math.round(r.busiestRequestRate()));
      r.addTo(json);
      Report.print(r.summary(core.size, target.rateCapNote(r.busiestRequestRate())), json);
      return r.intact() ? 0 : 1;
    }
  }
}
