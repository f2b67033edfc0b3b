package dev.parley.bench.load;

/**
 * Problems the clients of a run reported (e.g. a send the server refused for now).
 *
 * @param count how many
 * @param first the first one, or null
 */
record Problems(long count, String first) {
  /** What {@code traffic} heard, added up; the first of the first that heard any. */
  static Problems of(CoreTraffic... traffic) {
    long count = 0;
    String first = null;
    for (CoreTraffic t : traffic) {
      count += t.problems();
      if (first == null) {
        first = t.firstProblem();
      }
    }
    return new Problems(count, first);
  }

  /** A sentence for a summary line, or nothing when there were none. */
  String sentence() {
    return count > 0 ? " " + count + " problems reported, first: " + first : "";
  }
}
