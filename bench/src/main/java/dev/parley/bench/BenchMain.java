package dev.parley.bench;

import java.util.Arrays;

/**
 * Entry point of {@code parley-bench.jar}: {@code jmh [JMH options]} runs the micro-benchmarks,
 * {@code bcrypt [COST] [CHECKS]} measures password checks per second.
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
    System.err.println(
        "usage: java -jar parley-bench.jar jmh [JMH options]\n"
            + "       java -jar parley-bench.jar bcrypt [COST] [CHECKS]");
    System.exit(args.length == 0 ? 0 : 2);
  }
}
