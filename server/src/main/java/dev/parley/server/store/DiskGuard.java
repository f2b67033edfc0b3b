package dev.parley.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Refuses growth of the database before its disk fills: what a stranger can make the server store
 * must never take the disk (and with it every other write, and the host) down. Asking the file
 * system costs a system call, so the answer is cached for a second and lowered by what was written
 * meanwhile. Used only by the database writer thread.
 */
public final class DiskGuard {
  private static final Logger LOG = Logger.getLogger(DiskGuard.class.getName());

  /** How long a measurement of the usable space is trusted. */
  static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path dir;
  private final long minFreeBytes;
  private long usable;
  private long measuredAt;
  private boolean measured;
  private boolean low;

  /** Keeps at least {@code minFreeBytes} usable on the file system holding {@code dir}. */
  public DiskGuard(Path dir, long minFreeBytes) {
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minFreeBytes must not be negative");
    }
    this.dir = dir;
    this.minFreeBytes = minFreeBytes;
  }

  /** True when {@code bytes} more can be stored and the minimum still be left free. */
  boolean allows(long bytes) {
    long now = System.nanoTime();
    if (!measured || now - measuredAt >= RECHECK_NANOS) {
      usable = measure();
      measuredAt = now;
      measured = true;
    }
    boolean ok = usable - bytes >= minFreeBytes;
    if (ok == low) {
      low = !ok;
      if (low) {
        LOG.warning(
            "refusing new messages: "
                + usable
                + " bytes usable in "
                + dir
                + ", below the minimum of "
                + minFreeBytes
                + " (--min-free-disk)");
      } else {
        LOG.info("accepting messages again: " + usable + " bytes usable in " + dir);
      }
    }
    return ok;
  }

  /** Notes that {@code bytes} were stored since the last measurement. */
  void wrote(long bytes) {
    usable -= bytes;
  }

  private long measure() {
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      LOG.warning("cannot read the free space of " + dir + ": " + e.getMessage());
      return 0; // cannot tell: refuse rather than risk filling the disk
    }
  }
}
