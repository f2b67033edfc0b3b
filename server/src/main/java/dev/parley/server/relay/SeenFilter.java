package dev.parley.server.relay;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import java.nio.charset.StandardCharsets;

/**
 * Which (sender, msgId) pairs may have been accepted before: a Bloom filter over every pair on
 * record and every pair accepted since it was built. "No" is certain, so a new message (nearly
 * every one) is accepted without a database lookup; "maybe" is checked in the seen table. Rebuilt
 * from the table when it holds more pairs than it was sized for. Writer thread only.
 */
final class SeenFilter {
  private static final int MIN_CAPACITY = 1 << 20;
  private static final double FALSE_POSITIVES = 0.001;

  private static final Funnel<String[]> PAIR =
      (pair, into) ->
          into.putString(pair[0], StandardCharsets.UTF_8)
              .putByte((byte) 0)
              .putString(pair[1], StandardCharsets.UTF_8);

  private BloomFilter<String[]> filter;
  private long capacity;
  private long added;

  /** An empty filter sized for at least {@code expected} pairs. */
  SeenFilter(long expected) {
    capacity = Math.max(MIN_CAPACITY, 2 * expected);
    filter = BloomFilter.create(PAIR, capacity, FALSE_POSITIVES);
  }

  /** Adds a pair. */
  void add(String sender, String msgId) {
    filter.put(new String[] {sender, msgId});
    added++;
  }

  /** False when the pair was certainly never added. */
  boolean mayContain(String sender, String msgId) {
    return filter.mightContain(new String[] {sender, msgId});
  }

  /** True once more pairs were added than it was sized for (it should be rebuilt). */
  boolean full() {
    return added > capacity;
  }
}
