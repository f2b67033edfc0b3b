package dev.parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders of a run. */
final class Scratch {
  private Scratch() {}

  /** Deletes {@code dir} and everything in it; a failure is reported, not thrown. */
  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }
}
