package dev.parley.bench;

import java.util.Arrays;

/** Entry point of {@code parley-bench.jar}: {@code jmh [JMH options]} runs the micro-benchmarks. */
public final class BenchMain {
  private BenchMain() {}

  /** Dispatches to a benchmark mode. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    System.err.println("usage: java -jar parley-bench.jar jmh [JMH options]");
    System.exit(args.length == 0 ? 0 : 2);
  }
}
