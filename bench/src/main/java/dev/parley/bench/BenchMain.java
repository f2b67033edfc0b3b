package dev.parley.bench;

import java.util.Arrays;

/**
 * Entry point of {@code parley-bench.jar}: {@code jmh [JMH options]} runs the micro-benchmarks,
 * {@code bcrypt [COST] [CHECKS]} measures password checks per second, and {@code relay}, {@code
 * idle}, {@code login-storm}, {@code offline} and {@code non-readers} are the load generator's
 * modes.
 */
public final class BenchMain {
  private BenchMain() {}

  /** Dispatches to a benchmark mode. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("bcrypt")) {
      BcryptRate.run(
          args.length > 1 ? Integer.parseInt(args[1]) : 12,
          args.length > 2 ? Integer.parseInt(args[2]) : 40);
      return;
    }
    System.exit(dev.parley.bench.load.LoadCommand.execute(args));
  }
}
