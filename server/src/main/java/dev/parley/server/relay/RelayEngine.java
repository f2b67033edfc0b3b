package dev.parley.server.relay;

import dev.parley.protocol.frame.MessageRef;
import dev.parley.server.session.Deliveries;
import dev.parley.server.store.Database;
import dev.parley.server.store.EnqueueResult;
import dev.parley.server.store.MessageQueue;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import dev.parley.server.store.ReceiptStore;
import dev.parley.server.store.ServerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The message engine (docs/decisions/0012): a sent message is delivered at once and, when its
 * recipient is online, held in memory for one window; when the recipient acknowledges it within the
 * window it is never written (the recipient's own durable copy is the stronger guarantee, and the
 * sender's {@code ok} goes at that moment); what is still unacknowledged when the window closes is
 * written in one group commit with multi-row statements, and the sender's {@code ok} follows that
 * commit. Receipts follow the same rule. Every (sender, msgId) pair is written too, at the latest a
 * tenth of the window after its message settles, so a retried send is recognised across restarts.
 * All state is confined to the database writer thread: each operation is light work queued there,
 * and the window's writes run in {@link Database.CommitHook#beforeCommit}.
 */
public final class RelayEngine implements Database.CommitHook {
  private static final Logger LOG = Logger.getLogger(RelayEngine.class.getName());

  /** Most messages and receipts held in memory before the oldest are written early. */
  static final int MAX_UNSTORED = 100_000;

  /**
   * Most messages and receipts written in one commit, a quarter of it kept for receipts while any
   * are held (a full hold writes more). Every send and acknowledgement waits on the writer thread
   * while it writes: one gathering of 2,000-odd rows and its commit held them for 12 ms (p50), up
   * to 33 ms, at 20,000 msgs/s, which was the relay's p99 (PERFORMANCE.md). What is left waits for
   * a later commit, as anything else due does.
   */
  static final int MAX_WRITTEN_PER_COMMIT = 512;

  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Database db;
  private final ServerStore store;
  private final MessageQueue queue;
  private final ReceiptStore receipts;
  private final Deliveries deliveries;
  private final long windowNanos;
  // How long a held item may stay past its window so that its write joins others' (a tenth of the
  // window): at a steady trickle each item falls due alone, and a commit per item costs the
  // writer more than all the relay's other work at low load.
  private final long gatherNanos;

  // ---- writer thread only ----
  private final Map<SendKey, PendingMessage> bySend = new HashMap<>();
  private final Unstored<PendingMessage> messages = new Unstored<>();
  private final Map<Long, PendingReceipt> receiptsById = new HashMap<>();
  private final Unstored<PendingReceipt> pendingReceipts = new Unstored<>();
  private List<PendingMessage> writing = List.of();
  private List<PendingReceipt> writingReceipts = List.of();
  private SeenFilter seen;
  private long lastSeq;
  private long lastRid;
  private long retryAfterNanos;

  private RelayEngine(Database db, ServerStore store, Deliveries deliveries, Duration window) {
    this.db = db;
    this.store = store;
    this.queue = store.queue();
    this.receipts = store.receipts();
    this.deliveries = deliveries;
    this.windowNanos = window.toNanos();
    this.gatherNanos = windowNanos / 10;
  }

  /**
   * Starts the engine over {@code store}: reads where the stored sequence numbers end and the pairs
   * seen (on the writer thread), then takes over the writer's commits. Messages are held for {@code
   * window} before they are written.
   */
  public static RelayEngine start(ServerStore store, Deliveries deliveries, Duration window) {
    Database db = store.database();
    RelayEngine e = new RelayEngine(db, store, deliveries, window);
    db.writeLight(
            c -> {
              db.touch();
              e.load(c);
              return null;
            })
        .join();
    e.queue.attach(e::unstoredFor, e::accountDeleted);
    db.setCommitHook(e);
    return e;
  }

  private void load(Connection c) throws SQLException {
    lastSeq = queue.lastSeq(c);
    lastRid = receipts.lastRid(c);
    SeenFilter f = new SeenFilter(queue.seenCount(c));
    queue.forEachSeen(c, (sender, msgId) -> f.add(new SendKey(sender, msgId)));
    seen = f;
  }

  // ---- operations (any thread) ---------------------------------------------------------

  /**
   * Accepts {@code envelope} from {@code sender} for {@code recipient}: completes once it is
   * durable or acknowledged by its recipient (a pair accepted before completes as a duplicate, when
   * the original did). Refusals are those of {@link MessageQueue#admit}. With {@code receiptInOk},
   * a receipt made by the recipient's acknowledgement before then completes with it instead of
   * going to the sender as an event.
   */
  public CompletableFuture<EnqueueResult> send(
      String sender,
      String recipient,
      String msgId,
      byte[] envelope,
      long now,
      boolean receiptInOk) {
    CompletableFuture<EnqueueResult> answer = new CompletableFuture<>();
    store
        .guarded(
            db.writeLight(
                c -> {
                  accept(
                      c, new SendKey(sender, msgId), recipient, envelope, now, receiptInOk, answer);
                  return null;
                },
                envelope.length))
        // A refusal, a failed commit or a closed database fails the answer (if still open).
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                answer.completeExceptionally(e);
              }
            });
    return answer;
  }

  /**
   * {@code recipient} acknowledged (stored) the messages {@code refs}: each is dropped, and when
   * the recipient has its sender as a contact a {@code delivered} receipt goes to the sender.
   * Completes once what this changed in the database is committed.
   */
  public CompletableFuture<Void> ack(String recipient, List<MessageRef> refs, long now) {
    return store.guarded(
        db.writeLight(
            c -> {
              for (MessageRef r : refs) {
                acknowledge(c, recipient, r.from(), r.msgId(), now);
              }
              return null;
            }));
  }

  /** {@code owner} has seen the receipts {@code rids}: they are dropped. */
  public CompletableFuture<Void> ackReceipts(String owner, List<Long> rids) {
    return db.writeLight(
        c -> {
          for (long rid : rids) {
            PendingReceipt p = receiptsById.get(rid);
            if (p == null) {
              db.inSavepoint(c, cc -> receipts.remove(cc, owner, rid));
            } else if (p.receipt.owner().equals(owner)) {
              dropReceipt(p);
            }
          }
          return null;
        });
  }

  /**
   * Up to {@code limit} messages waiting for {@code recipient} after sequence number {@code
   * afterSeq}, stored or not yet, in sequence order.
   */
  public CompletableFuture<List<QueuedMessage>> pending(
      String recipient, long afterSeq, int limit) {
    return db.writeLight(
        c -> {
          db.touch();
          List<QueuedMessage> held = new ArrayList<>();
          for (PendingMessage p : messages.after(recipient, afterSeq, limit)) {
            held.add(p.message);
          }
          return merge(
              queue.stored(c, recipient, afterSeq, limit), held, limit, QueuedMessage::seq);
        });
  }

  /** Up to {@code limit} receipts waiting for {@code owner} after {@code afterRid}, in id order. */
  public CompletableFuture<List<Receipt>> pendingReceipts(String owner, long afterRid, int limit) {
    return db.writeLight(
        c -> {
          db.touch();
          List<Receipt> held = new ArrayList<>();
          for (PendingReceipt p : pendingReceipts.after(owner, afterRid, limit)) {
            held.add(p.receipt);
          }
          return merge(receipts.stored(c, owner, afterRid, limit), held, limit, Receipt::rid);
        });
  }

  /** Forgets (sender, msgId) pairs past their retention; returns how many. */
  public CompletableFuture<Integer> purgeSeen(long now) {
    return db.writeLight(
        c -> {
          int forgotten = db.inSavepoint(c, cc -> queue.purgeSeen(cc, now));
          if (seen.full()) {
            SeenFilter f = new SeenFilter(queue.seenCount(c) + bySend.size());
            queue.forEachSeen(c, (sender, msgId) -> f.add(new SendKey(sender, msgId)));
            bySend.keySet().forEach(f::add);
            seen = f;
          }
          return forgotten;
        });
  }

  // ---- writer thread -------------------------------------------------------------------

  /**
   * Accepts a send: {@code answer} completes now for a pair accepted before, else once the message
   * is durable or acknowledged. A refusal is thrown (and fails {@code answer}).
   */
  private void accept(
      Connection c,
      SendKey key,
      String recipient,
      byte[] envelope,
      long now,
      boolean receiptInOk,
      CompletableFuture<EnqueueResult> answer)
      throws SQLException, dev.parley.protocol.ProtocolException {
    PendingMessage held = bySend.get(key);
    if (held != null) {
      // A retry of a held message: answered with the original, receipt included (its first
      // answer may be what was lost).
      held.retried(answer, receiptInOk);
      return;
    }
    // Added now even if refused below: that only makes a later "maybe" of this pair.
    if (!seen.add(key)) {
      db.touch();
      Optional<Long> at = queue.seenAt(c, key.sender(), key.msgId());
      if (at.isPresent()) {
        answer.complete(new EnqueueResult(null, at.get(), null));
        return;
      }
    }
    db.touch(); // the counters may read the database on first use
    queue.admit(c, key.sender(), recipient, envelope.length);
    QueuedMessage m =
        new QueuedMessage(++lastSeq, recipient, key.sender(), key.msgId(), envelope, now);
    boolean online = deliveries.isOnline(recipient);
    PendingMessage p = new PendingMessage(m, key, dueNanos(online), receiptInOk, answer);
    bySend.put(key, p);
    messages.add(p, !online);
    // On the writer thread, in sequence order, so the recipient's connection hears them in order.
    deliveries.message(m);
  }

  private void acknowledge(Connection c, String recipient, String sender, String msgId, long now)
      throws SQLException, dev.parley.protocol.ProtocolException {
    PendingMessage p = bySend.get(new SendKey(sender, msgId));
    if (p != null) {
      if (p.settled || !p.message.recipient().equals(recipient)) {
        return;
      }
      db.touch();
      boolean contact = queue.uncount(c, recipient, sender, p.size);
      p.settled = true;
      messages.settle(p, System.nanoTime());
      // Still unanswered: the sender's ok, going now, carries the receipt (version 2).
      boolean inOk = contact && p.receiptInOk && !p.answer.isDone();
      Receipt r = contact ? receipt(sender, recipient, msgId, now) : null;
      if (inOk) {
        p.answeredReceipt = r;
      }
      // The recipient has it stored: as safe as a commit here, so the sender hears now, and
      // before any receipt event of it (queued on the sender's connection after the ok).
      p.accept();
      if (r != null && !inOk) {
        deliveries.receipt(r);
      }
      return;
    }
    Optional<MessageQueue.Removed> removed =
        db.inSavepoint(c, cc -> queue.removeStored(cc, recipient, sender, msgId));
    if (removed.isPresent() && removed.get().senderIsContact()) {
      deliveries.receipt(receipt(sender, recipient, msgId, now));
    }
  }

  /**
   * A new receipt for {@code owner}, held until confirmed or its window closes; the caller streams
   * it to the owner or puts it in the send's answer.
   */
  private Receipt receipt(String owner, String peer, String msgId, long now) {
    Receipt r = new Receipt(++lastRid, owner, peer, msgId, ReceiptStore.DELIVERED, now);
    boolean online = deliveries.isOnline(owner);
    PendingReceipt p = new PendingReceipt(r, dueNanos(online));
    receiptsById.put(r.rid(), p);
    pendingReceipts.add(p, !online);
    return r;
  }

  /**
   * When an item for someone online falls due: after the window, for the acknowledgement to come
   * first. For someone offline nothing will come, so it is written with the next batch.
   */
  private long dueNanos(boolean online) {
    return online ? System.nanoTime() + windowNanos : System.nanoTime();
  }

  private void dropReceipt(PendingReceipt p) {
    p.settled = true;
    receiptsById.remove(p.receipt.rid());
    pendingReceipts.drop(p);
  }

  /** The first {@code limit} of two lists each in {@code key} order, merged in that order. */
  private static <T> List<T> merge(
      List<T> stored, List<T> held, int limit, java.util.function.ToLongFunction<T> key) {
    if (held.isEmpty()) {
      return stored;
    }
    List<T> out = new ArrayList<>(Math.min(limit, stored.size() + held.size()));
    int i = 0;
    int j = 0;
    while (out.size() < limit && (i < stored.size() || j < held.size())) {
      if (j == held.size()
          || (i < stored.size() && key.applyAsLong(stored.get(i)) < key.applyAsLong(held.get(j)))) {
        out.add(stored.get(i++));
      } else {
        out.add(held.get(j++));
      }
    }
    return out;
  }

  /** What is held for {@code recipient} and still counted in its queue. */
  private List<QueuedMessage> unstoredFor(String recipient) {
    List<QueuedMessage> out = new ArrayList<>();
    for (PendingMessage p : messages.of(recipient)) {
      out.add(p.message);
    }
    return out;
  }

  /**
   * {@code name}'s account is gone, with its stored queue and receipts: what is held for it is
   * dropped the same way (a sender still hears its message was accepted, as it would have been a
   * moment later).
   */
  private void accountDeleted(String name) {
    for (PendingMessage p : messages.of(name)) {
      p.settled = true;
      messages.settle(p, System.nanoTime());
      p.accept();
    }
    for (PendingReceipt p : pendingReceipts.of(name)) {
      dropReceipt(p);
    }
  }

  @Override
  public long nextDueNanos() {
    if (messages.size() + pendingReceipts.size() > MAX_UNSTORED) {
      return Math.max(System.nanoTime(), retryAfterNanos);
    }
    long due =
        Math.min(messages.nextDueNanos(gatherNanos), pendingReceipts.nextDueNanos(gatherNanos));
    return due == Long.MAX_VALUE ? due : Math.max(due, retryAfterNanos);
  }

  @Override
  public boolean beforeCommit(Connection c, long nowNanos) throws SQLException {
    if (seen == null || nowNanos < retryAfterNanos) {
      return false;
    }
    int held = messages.size() + pendingReceipts.size();
    // A full hold writes down to half at once, past the cap: the memory bound comes first.
    int over = held > MAX_UNSTORED ? held - MAX_UNSTORED / 2 : 0;
    int most = Math.max(MAX_WRITTEN_PER_COMMIT, over);
    // A quarter of the commit is kept for receipts while any are held, so a stream of messages
    // can never keep them waiting.
    int messagesMost = pendingReceipts.size() > 0 ? most - most / 4 : most;
    writing = messages.takeDue(nowNanos, Math.min(over, messagesMost), gatherNanos, messagesMost);
    // A commit that happens anyway takes the receipts that are due too.
    int receiptsOver = Math.max(0, over - writing.size());
    writingReceipts =
        pendingReceipts.takeDue(
            nowNanos, receiptsOver, writing.isEmpty() ? gatherNanos : 0, most - writing.size());
    if (writing.isEmpty() && writingReceipts.isEmpty()) {
      return false;
    }
    List<QueuedMessage> pairs = new ArrayList<>(writing.size());
    List<QueuedMessage> unacknowledged = new ArrayList<>();
    for (PendingMessage p : writing) {
      bySend.remove(p.key);
      pairs.add(p.message);
      if (!p.settled) {
        unacknowledged.add(p.message);
      }
    }
    List<Receipt> unseen = new ArrayList<>();
    for (PendingReceipt p : writingReceipts) {
      if (!p.settled) {
        receiptsById.remove(p.receipt.rid());
        unseen.add(p.receipt);
      }
    }
    queue.storeSeen(c, pairs);
    queue.store(c, unacknowledged);
    receipts.store(c, unseen);
    return true;
  }

  @Override
  public void afterCommit(boolean committed) {
    if (writing.isEmpty() && writingReceipts.isEmpty()) {
      return;
    }
    if (committed) {
      for (PendingMessage p : writing) {
        p.accept(); // no-op for one acknowledged before
      }
    } else {
      // Held again and written with the next batch after a pause; the senders wait for it.
      LOG.log(
          Level.WARNING,
          "writing "
              + writing.size()
              + " messages and "
              + writingReceipts.size()
              + " receipts failed; trying again in a second");
      for (PendingMessage p : writing) {
        bySend.put(p.key, p);
      }
      messages.restore(writing, p -> !p.settled);
      for (PendingReceipt p : writingReceipts) {
        if (!p.settled) {
          receiptsById.put(p.receipt.rid(), p);
        }
      }
      pendingReceipts.restore(writingReceipts, p -> !p.settled);
      retryAfterNanos = System.nanoTime() + RETRY_NANOS;
    }
    writing = List.of();
    writingReceipts = List.of();
  }
}
