package dev.parley.client.messaging;

import dev.parley.client.account.Account;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.api.ServerErrorException;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.runtime.ClientThread;
import dev.parley.client.sessions.PeerSessions;
import dev.parley.client.store.HistoryCalls;
import dev.parley.client.store.LocalStoreException;
import dev.parley.crypto.SendingHeldException;
import dev.parley.platform.Futures;
import dev.parley.protocol.Limits;
import dev.parley.protocol.frame.ReceiptEvent;
import dev.parley.protocol.frame.SendOk;
import dev.parley.protocol.frame.SendRequest;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What this user writes, on its way out. The outbox is the history: a written message is stored at
 * once in state SENDING, its envelope is encrypted once and stored, with the ratchet step it took,
 * before it leaves, and after a reconnect the identical bytes go again under the same {@code msgId}
 * (the server de-duplicates). Sends wait in one queue and leave in the order they were written; a
 * batch of them is encrypted in one transaction and their frames go out, in order, once it
 * committed, without waiting for the server's answer to the previous one. Client thread only.
 */
public final class Outbox {
  /** Envelopes encrypted and stored in one transaction. */
  public static final int BATCH = 256;

  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
  private static final long MAX_RETRY_DELAY_MILLIS = 60_000;

  private final ClientThread thread;
  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final PeerSessions peers;
  private Consumer<ReceiptEvent> receipts = r -> {};
  private final Set<String> retryScheduled = new HashSet<>();
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
  private boolean drainQueued;
  private boolean awaitingSession;

  /** One envelope to send: a stored message ({@code message} not null) or a control payload. */
  private record Outgoing(String peer, String msgId, byte[] payload, ChatMessage message) {}

  /** The outbox of {@code account}, sent over {@code link}. */
  public Outbox(
      ClientThread thread,
      ClientEvents events,
      ServerLink link,
      Account account,
      PeerSessions peers) {
    this.thread = thread;
    this.events = events;
    this.link = link;
    this.account = account;
    this.peers = peers;
  }

  /** Where receipts carried by the server's answers to sends go (the inbox); client thread. */
  public void forwardReceipts(Consumer<ReceiptEvent> to) {
    receipts = to;
  }

  /**
   * Why {@code text} cannot go as one message, or empty if it can. Its encrypted envelope must fit
   * the server's limit; refused here, before it is stored, a long text can never become a message
   * that the server turns away on every retry.
   */
  public static Optional<String> tooLong(String text) {
    int bytes = Payload.text("", text, 0).encode().length;
    if (bytes <= Limits.CLIENT_MAX_PAYLOAD_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "This message is too long to send at once (%,d KB; the limit is %,d KB). Split it"
                + " into parts.",
            (bytes + 1023) / 1024,
            Limits.CLIENT_MAX_PAYLOAD_BYTES / 1024));
  }

  /**
   * Writes a message to {@code peer} (canonical): stored in state SENDING; once that is durable it
   * is shown to listeners, the result completes, and it is encrypted and sent in order as soon as
   * there is a connection.
   */
  public CompletableFuture<ChatMessage> write(String peer, String text) {
    account.requireOpen();
    if (peer.equals(account.user())) {
      throw new IllegalArgumentException("You cannot message yourself.");
    }
    tooLong(text)
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(why);
            });
    ChatMessage m =
        HistoryCalls.get(
            () ->
                account
                    .history()
                    .addOutgoing(
                        peer, UUID.randomUUID().toString(), text, System.currentTimeMillis()));
    // Waits for a commit complete in the order they were asked for (Transactions): a burst
    // written into one unit of work is shown and sent in the order it was written.
    return account
        .transactions()
        .committed()
        .thenApply(
            v -> {
              events.fire(l -> l.messageAdded(m));
              if (link.isOnline()) {
                enqueue(m);
              }
              return m;
            });
  }

  /** Sends everything that waits (the client just came online). */
  public void flush() {
    for (ChatMessage m : HistoryCalls.get(account.history()::outbox)) {
      enqueue(m);
    }
  }

  /** Sends what waits for {@code peer} (after its changed safety number was accepted). */
  public void flush(String peer) {
    if (!link.isOnline() || account.sessions().isHeld(peer)) {
      return;
    }
    for (ChatMessage m : HistoryCalls.get(account.history()::outbox)) {
      if (m.peer().equals(peer)) {
        enqueue(m);
      }
    }
  }

  /**
   * Sends {@code payload} to {@code peer} in the send order without storing it (a read receipt, a
   * session restart); it is dropped when the client is not online by its turn.
   */
  public void sendControl(String peer, Payload payload) {
    add(new Outgoing(peer, UUID.randomUUID().toString(), payload.encode(), null));
  }

  private void enqueue(ChatMessage m) {
    add(
        new Outgoing(
            m.peer(), m.msgId(), Payload.text(m.msgId(), m.text(), m.sentAt()).encode(), m));
  }

  private void add(Outgoing o) {
    queue.add(o);
    queueDrain();
  }

  private void queueDrain() {
    if (!drainQueued && !awaitingSession) {
      drainQueued = true;
      thread.execute(this::drain);
    }
  }

  /**
   * Encrypts up to {@link #BATCH} waiting envelopes in one unit of work; their frames leave, in
   * order, once it committed. A peer without a session stops the queue until its bundle arrived, so
   * nothing overtakes a message waiting for it.
   */
  private void drain() {
    drainQueued = false;
    if (!account.isOpen() || !link.isOnline()) {
      queue.clear(); // stored messages stay in state SENDING and go at the next flush
      return;
    }
    List<Runnable> afterCommit = new ArrayList<>();
    boolean stored = account.transactions().commitAlone(() -> encryptBatch(afterCommit));
    if (!stored) {
      // Nothing of this batch was kept: its messages are still SENDING and go again later.
      events.fire(l -> l.problem("Messages could not be saved on this computer; not sent yet."));
      queue.clear();
      return;
    }
    afterCommit.forEach(Runnable::run);
    if (!queue.isEmpty()) {
      queueDrain();
    }
  }

  /**
   * Encrypts up to {@link #BATCH} waiting envelopes, each stored with its ratchet step; their
   * frames are added to {@code afterCommit}. A local store failure escapes, so the whole batch
   * rolls back.
   */
  private void encryptBatch(List<Runnable> afterCommit) {
    for (int n = 0; n < BATCH && !queue.isEmpty(); n++) {
      Outgoing o = queue.peek();
      if (account.sessions().isHeld(o.peer())) {
        queue.poll();
        reportFailure(o.message(), new SendingHeldException(o.peer()));
        continue;
      }
      Optional<byte[]> stored =
          o.message() == null
              ? Optional.empty()
              : HistoryCalls.get(() -> account.history().envelope(o.message().localId()));
      if (stored.isEmpty() && !account.sessions().hasSession(o.peer())) {
        if (n == 0) {
          awaitSession(o);
        } else {
          drainQueued = true;
          thread.execute(this::drain); // after this batch commits
        }
        return;
      }
      queue.poll();
      byte[] envelope;
      try {
        envelope = stored.orElseGet(() -> encrypt(o));
      } catch (LocalStoreException local) {
        throw local;
      } catch (RuntimeException e) {
        reportFailure(o.message(), e);
        continue;
      }
      afterCommit.add(() -> send(o, envelope));
    }
  }

  /** Fetches a bundle for the first waiting envelope's peer, then goes on with the queue. */
  private void awaitSession(Outgoing o) {
    awaitingSession = true;
    peers
        .ensure(o.peer())
        .whenCompleteAsync(
            (v, e) -> {
              awaitingSession = false;
              if (e != null) {
                if (queue.peek() == o) {
                  queue.poll();
                }
                reportFailure(o.message(), e);
              }
              queueDrain();
            },
            thread);
  }

  /** Encrypts {@code o} and stores its envelope with the ratchet step (same unit of work). */
  private byte[] encrypt(Outgoing o) {
    byte[] fresh = account.sessions().encrypt(o.peer(), o.payload());
    account.save();
    if (o.message() != null) {
      HistoryCalls.run(() -> account.history().setEnvelope(o.message().localId(), fresh));
    }
    return fresh;
  }

  private void send(Outgoing o, byte[] envelope) {
    link.send(id -> new SendRequest(id, o.peer(), o.msgId(), envelope), SendOk.class)
        .whenCompleteAsync(
            (ok, e) -> {
              if (e != null) {
                reportFailure(o.message(), e);
                return;
              }
              if (o.message() != null && account.isOpen()) {
                ChatMessage m = o.message();
                HistoryCalls.get(
                        () -> account.history().advance(m.peer(), m.msgId(), DeliveryState.SENT))
                    .ifPresent(u -> events.fire(l -> l.messageUpdated(u)));
              }
              if (ok.receipt() != null) {
                // Version 2: the recipient had it before this answer left, so the answer carries
                // the receipt, handled and confirmed like one that comes as an event.
                receipts.accept(ok.receipt().asEvent(o.peer(), o.msgId()));
              }
            },
            thread);
  }

  /**
   * A send did not go. Held (a changed safety number) and transient failures (connection lost,
   * server busy) leave the message in the outbox for later; one that can never succeed ({@link
   * SendFailure}) becomes {@link DeliveryState#FAILED}, so it is neither waited for nor retried at
   * every start.
   */
  private void reportFailure(ChatMessage m, Throwable e) {
    Throwable cause = Futures.unwrap(e);
    if (cause instanceof SendingHeldException) {
      LOG.fine("held until the new safety number is accepted: a message to " + m);
    } else if (m != null && account.isOpen() && SendFailure.isPermanent(cause)) {
      String why = "Message to " + m.peer() + " was not sent: " + cause.getMessage();
      events.fire(l -> l.problem(why));
      try {
        HistoryCalls.get(() -> account.history().fail(m.peer(), m.msgId()))
            .ifPresent(u -> events.fire(l -> l.messageUpdated(u)));
      } catch (IllegalStateException local) {
        // The history could not record it: it stays in the outbox; the send chain goes on.
        LOG.log(Level.WARNING, "could not mark a message failed", local);
      }
    } else if (cause instanceof ServerErrorException se && m != null) {
      // Refused for now (busy, rate limited, queue full): it stays in the outbox and goes again
      // once the server said it may, not only at the next login.
      events.fire(
          l -> l.problem("Message to " + m.peer() + " was not sent yet: " + se.getMessage()));
      retryLater(m.peer(), se.retryAfterMs());
    } else if (!(cause instanceof IOException)) {
      LOG.log(Level.WARNING, "sending failed", cause);
    }
  }

  /**
   * Tries {@code peer}'s outbox again after {@code retryAfterMs} (at least 1 s, at most a minute; a
   * minute when the server named no time). One retry per peer is scheduled at a time.
   */
  private void retryLater(String peer, long retryAfterMs) {
    if (!retryScheduled.add(peer)) {
      return;
    }
    thread.schedule(
        () -> {
          retryScheduled.remove(peer);
          if (account.isOpen()) {
            flush(peer);
          }
        },
        retryDelayMillis(retryAfterMs));
  }

  /** The wait before a retry the server asked for after {@code retryAfterMs} (0: not said). */
  static long retryDelayMillis(long retryAfterMs) {
    return retryAfterMs > 0
        ? Math.min(MAX_RETRY_DELAY_MILLIS, Math.max(1_000, retryAfterMs))
        : MAX_RETRY_DELAY_MILLIS;
  }
}
