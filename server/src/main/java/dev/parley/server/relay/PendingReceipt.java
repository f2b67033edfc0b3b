package dev.parley.server.relay;

import dev.parley.server.store.Receipt;

/**
 * A delivery receipt the relay holds in memory until its window closes: written then, unless its
 * owner acknowledged it before. Writer thread only.
 */
final class PendingReceipt implements Unstored.Item {
  final Receipt receipt;
  private final long dueNanos;

  /** Acknowledged by its owner (or its owner's account is gone): nothing to write. */
  boolean settled;

  PendingReceipt(Receipt receipt, long dueNanos) {
    this.receipt = receipt;
    this.dueNanos = dueNanos;
  }

  @Override
  public String owner() {
    return receipt.owner();
  }

  @Override
  public long key() {
    return receipt.rid();
  }

  @Override
  public long dueNanos() {
    return dueNanos;
  }
}
