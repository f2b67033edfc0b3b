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
import dev.parley.crypto.SendingHeldException;
import dev.parley.platform.Futures;
import dev.parley.protocol.Limits;
import dev.parley.protocol.frame.SendOk;
import dev.parley.protocol.frame.SendRequest;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What this user writes, on its way out. The outbox is the history: a written message is stored at
 * once in state SENDING, its envelope is encrypted once and stored before it leaves, and after a
 * reconnect the identical bytes go again under the same {@code msgId} (the server de-duplicates).
 * Sends are chained one after another, so messages leave in the order they were written. Client
 * thread only.
 */
public final class Outbox {
  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
  private static final long MAX_RETRY_DELAY_MILLIS = 60_000;

  private final ClientThread thread;
  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final PeerSessions peers;
  private final Set<String> retryScheduled = new HashSet<>();
  private CompletableFuture<Void> sendChain = CompletableFuture.completedFuture(null);

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
   * Writes a message to {@code peer} (canonical): stored at once (state SENDING, shown to
   * listeners), then encrypted and sent in order as soon as there is a connection.
   */
  public ChatMessage write(String peer, String text) {
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
    events.fire(l -> l.messageAdded(m));
    if (link.isOnline()) {
      enqueue(m);
    }
    return m;
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
    chain(() -> transmit(peer, UUID.randomUUID().toString(), payload.encode(), null), null);
  }

  private void enqueue(ChatMessage m) {
    chain(
        () ->
            transmit(m.peer(), m.msgId(), Payload.text(m.msgId(), m.text(), m.sentAt()).encode(), m)
                .thenAcceptAsync(
                    ok ->
                        HistoryCalls.get(
                                () ->
                                    account
                                        .history()
                                        .advance(m.peer(), m.msgId(), DeliveryState.SENT))
                            .ifPresent(u -> events.fire(l -> l.messageUpdated(u))),
                    thread),
        m);
  }

  /** Runs sends one after another, so messages leave in the order they were written. */
  private void chain(Supplier<CompletableFuture<?>> step, ChatMessage m) {
    sendChain =
        sendChain
            .thenComposeAsync(
                v -> {
                  if (!link.isOnline()) {
                    return CompletableFuture.completedFuture(null);
                  }
                  return step.get().thenApply(x -> (Void) null);
                },
                thread)
            .exceptionally(
                e -> {
                  reportFailure(m, e);
                  return null;
                });
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

  /**
   * Encrypts and sends one envelope. For a stored message ({@code message} not null) the envelope
   * is saved before it leaves, and a resend after a reconnect uses those identical bytes.
   */
  private CompletableFuture<SendOk> transmit(
      String peer, String msgId, byte[] payload, ChatMessage message) {
    if (account.sessions().isHeld(peer)) {
      return CompletableFuture.failedFuture(new SendingHeldException(peer));
    }
    Optional<byte[]> stored =
        message == null
            ? Optional.empty()
            : HistoryCalls.get(() -> account.history().envelope(message.localId()));
    CompletableFuture<Void> ready =
        stored.isPresent() ? CompletableFuture.completedFuture(null) : peers.ensure(peer);
    return ready.thenComposeAsync(
        v -> {
          byte[] envelope =
              stored.orElseGet(
                  () -> {
                    byte[] fresh = account.sessions().encrypt(peer, payload);
                    account.save();
                    if (message != null) {
                      HistoryCalls.run(
                          () -> account.history().setEnvelope(message.localId(), fresh));
                    }
                    return fresh;
                  });
          return link.send(id -> new SendRequest(id, peer, msgId, envelope), SendOk.class);
        },
        thread);
  }
}
