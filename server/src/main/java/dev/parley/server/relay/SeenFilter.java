package dev.parley.server.relay;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;

/**
 * Which (sender, msgId) pairs may have been accepted before: a Bloom filter over every pair on
 * record and every pair accepted since it was built. "No" is certain, so a new message (nearly
 * every one) is accepted without a database lookup; "maybe" is checked in the seen table. Rebuilt
 * from the table when it holds more pairs than it was sized for. Writer thread only.
 */
final class SeenFilter {
  private static final int MIN_CAPACITY = 1 << 20;
  private static final double FALSE_POSITIVES = 0.001;

  // The filter's hash takes a 64-bit digest of the pair (FNV-1a over the UTF-16 units of sender,
  // a newline, which neither may hold, and msgId) instead of the pair itself: the Murmur hash over
  // its bytes was most of the cost of a put, done for every send.
  private static final Funnel<SendKey> PAIR = (key, into) -> into.putLong(digest(key));

  private BloomFilter<SendKey> filter;
  private long capacity;
  private long added;

  /** An empty filter sized for at least {@code expected} pairs. */
  SeenFilter(long expected) {
    capacity = Math.max(MIN_CAPACITY, 2 * expected);
    filter = BloomFilter.create(PAIR, capacity, FALSE_POSITIVES);
  }

  private static long digest(SendKey key) {
    long h = digest(0xcbf29ce484222325L, key.sender());
    h = (h ^ '\n') * 0x100000001b3L;
    return digest(h, key.msgId());
  }

  private static long digest(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /**
   * Adds a pair's {@code key}; false when it may have been added before (true: certainly new). One
   * hash serves both the question and the answer.
   */
  boolean add(SendKey key) {
    added++;
    return filter.put(key);
  }

  /** True once more pairs were added than it was sized for (it should be rebuilt). */
  boolean full() {
    return added > capacity;
  }
}
