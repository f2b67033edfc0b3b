package dev.parley.server.relay;

import dev.parley.server.store.Receipt;

/**
 * A delivery receipt the relay holds in memory until its window closes: written then, unless its
 * owner acknowledged it before ({@link #settled}). Writer thread only.
 */
final class PendingReceipt extends Unstored.Item {
  final Receipt receipt;

  PendingReceipt(Receipt receipt, long dueNanos) {
    super(dueNanos);
    this.receipt = receipt;
  }

  @Override
  String owner() {
    return receipt.owner();
  }

  @Override
  long key() {
    return receipt.rid();
  }
}
