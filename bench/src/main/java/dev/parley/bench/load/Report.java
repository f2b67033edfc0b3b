package dev.parley.bench.load;

import com.google.gson.JsonObject;
import java.time.Duration;

/** How every mode reports: one line for people, then one JSON line for scripts. */
final class Report {
  private Report() {}

  static void print(String summary, JsonObject json) {
    System.out.println(summary);
    System.out.println(json);
    System.out.flush();
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** CPU time this process has used so far. */
  static Duration ownCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Average cores used over {@code wallNanos} by {@code cpu} of CPU time. */
  static double cores(Duration cpu, long wallNanos) {
    return wallNanos > 0 ? (double) cpu.toNanos() / wallNanos : 0;
  }
}
