package dev.parley.protocol;

/**
 * A byte array kept per thread for work on one frame at a time (an event loop encodes or decodes
 * one frame, then the next), grown on demand; one grown past {@link #KEPT_BYTES} is not kept, so a
 * single large frame does not pin its size to the thread.
 */
public final class ThreadScratch {
  /** Largest array kept for the thread. */
  public static final int KEPT_BYTES = 64 * 1024;

  private final ThreadLocal<byte[]> kept;

  /** Arrays of at least {@code initial} bytes. */
  public ThreadScratch(int initial) {
    kept = ThreadLocal.withInitial(() -> new byte[initial]);
  }

  /** This thread's array, at least {@code size} bytes; its contents are left from earlier use. */
  public byte[] get(int size) {
    byte[] b = kept.get();
    if (b.length < size) {
      b = new byte[Math.max(size, 2 * b.length)];
      if (b.length <= KEPT_BYTES) {
        kept.set(b);
      }
    }
    return b;
  }
}
