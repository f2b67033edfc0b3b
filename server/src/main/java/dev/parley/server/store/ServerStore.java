package dev.parley.server.store;

import dev.parley.server.config.ServerConfig;
import java.util.concurrent.CompletableFuture;

/**
 * The server's data access over one {@link Database}: one class per service, sharing the writer
 * thread's caches.
 */
public final class ServerStore {
  private final AccountStore accounts;
  private final PrekeyStore keys;
  private final ContactStore contacts;
  private final MessageQueue queue;
  private final ReceiptStore receipts;

  private final Database db;
  private final CacheGuard guard;

  private ServerStore(Database db, QueueLimits limits, DiskGuard disk) {
    this.db = db;
    QueueCounters counters = new QueueCounters();
    KeysLowNotices notices = new KeysLowNotices();
    guard = new CacheGuard(db, counters, notices);
    accounts = new AccountStore(db, counters, notices);
    keys = new PrekeyStore(db, notices, guard);
    contacts = new ContactStore(db, counters, guard);
    queue = new MessageQueue(limits, disk, counters);
    receipts = new ReceiptStore();
  }

  /** The store with the bounds of {@code config}. */
  public static ServerStore create(Database db, ServerConfig config) {
    return new ServerStore(
        db,
        new QueueLimits(
            config.queueLimit(),
            config.queueBytesLimit(),
            config.senderQueueLimit(),
            config.senderQueueBytes(),
            config.strangerQueueLimit(),
            config.strangerQueueBytes()),
        new DiskGuard(config.dataDir(), config.minFreeDiskBytes()));
  }

  /** The database every part of the store uses. */
  public Database database() {
    return db;
  }

  /**
   * {@code write}, after whose failure (other than a refusal) the writer's counters are recounted
   * from the database.
   */
  public <T> CompletableFuture<T> guarded(CompletableFuture<T> write) {
    return guard.guard(write);
  }

  /** Accounts and credentials. */
  public AccountStore accounts() {
    return accounts;
  }

  /** Identities and prekeys. */
  public PrekeyStore keys() {
    return keys;
  }

  /** Contact lists. */
  public ContactStore contacts() {
    return contacts;
  }

  /** The stored offline queue and de-duplication (the relay's tables). */
  public MessageQueue queue() {
    return queue;
  }

  /** Stored delivery receipts (the relay's). */
  public ReceiptStore receipts() {
    return receipts;
  }

  /** Unused one-time prekeys held for {@code user} (as {@link PrekeyStore#prekeyCount}). */
  public CompletableFuture<Integer> prekeyCount(String user) {
    return keys.prekeyCount(user);
  }
}
