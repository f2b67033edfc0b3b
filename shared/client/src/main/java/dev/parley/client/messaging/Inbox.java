package dev.parley.client.messaging;

import dev.parley.client.account.Account;
import dev.parley.client.account.PrekeyMaintenance;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.contacts.ContactBook;
import dev.parley.client.net.ServerConnection;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.runtime.ClientThread;
import dev.parley.client.sessions.IdentityNotices;
import dev.parley.client.store.HistoryCalls;
import dev.parley.crypto.Decrypted;
import dev.parley.crypto.DecryptionException;
import dev.parley.crypto.E2eSessions;
import dev.parley.protocol.FieldRules;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.MessageEvent;
import dev.parley.protocol.frame.MessageRef;
import dev.parley.protocol.frame.ReceiptEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * What arrives for this user: messages and delivery receipts, handled in batches. A batch decrypts
 * its messages in memory, stores them and the ratchet steps they caused in one transaction, and
 * only after that commit sends the acks and tells the listeners, so a backlog of thousands costs a
 * few fsyncs instead of one per message, and nothing is acknowledged that is not on disk. Between
 * batches other work of the client thread runs (a login completing, the user typing). Client thread
 * only.
 */
public final class Inbox {
  /** Messages and receipts handled in one transaction. */
  public static final int BATCH = 256;

  /** A backlog at least this long is reported to listeners while it is worked off. */
  static final int REPORTED_BACKLOG = BATCH;

  // After a local failure, the connection is renewed this much later so the server delivers what
  // was not acknowledged again.
  static final long REDELIVERY_DELAY_MILLIS = 10_000;

  private static final Logger LOG = Logger.getLogger(Inbox.class.getName());

  private final ClientThread thread;
  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final ContactBook contacts;
  private final IdentityNotices notices;
  private final Outbox outbox;
  private final PrekeyMaintenance prekeys;
  private final ResetLimiter resets = new ResetLimiter(System::currentTimeMillis);
  private final ArrayDeque<Event> waiting = new ArrayDeque<>();
  private boolean drainQueued;
  private boolean reportedBacklog;
  // The connection a batch could not be stored from: whatever else it delivers is dropped
  // unacknowledged, so nothing overtakes the failed messages; all come again on the next one.
  private ServerConnection failedOn;

  /** The inbox of {@code account}, fed by {@code link}'s events. */
  public Inbox(
      ClientThread thread,
      ClientEvents events,
      ServerLink link,
      Account account,
      ContactBook contacts,
      IdentityNotices notices,
      Outbox outbox,
      PrekeyMaintenance prekeys) {
    this.thread = thread;
    this.events = events;
    this.link = link;
    this.account = account;
    this.contacts = contacts;
    this.notices = notices;
    this.outbox = outbox;
    this.prekeys = prekeys;
  }

  /** A stored message arrived; it is handled with the next batch. */
  public void onMessage(MessageEvent f) {
    enqueue(f);
  }

  /** A {@code receipt} event: the message reached its recipient; handled with the next batch. */
  public void onReceipt(ReceiptEvent r) {
    enqueue(r);
  }

  private void enqueue(Event e) {
    if (failedOn != null && link.connection() == failedOn) {
      return;
    }
    waiting.add(e);
    if (!drainQueued) {
      drainQueued = true;
      thread.execute(this::drain);
    }
  }

  /**
   * Handles up to {@link #BATCH} waiting events in one unit of work, commits it, then acknowledges
   * them and tells the listeners. When anything cannot be stored the unit rolls back, nothing is
   * acknowledged (the server keeps every message for a later delivery), and what waits is dropped
   * too, as is what that connection delivers until it is renewed: none of it was acknowledged
   * either, and all of it comes again, in order.
   */
  void drain() {
    drainQueued = false;
    if (!account.isOpen()) {
      waiting.clear();
      return;
    }
    List<Runnable> afterCommit = new ArrayList<>();
    boolean stored =
        account
            .transactions()
            .commitAlone(
                () -> {
                  for (int n = 0; n < BATCH && !waiting.isEmpty(); n++) {
                    Event e = waiting.poll();
                    if (e instanceof MessageEvent m) {
                      handle(m, afterCommit);
                    } else if (e instanceof ReceiptEvent r) {
                      handle(r, afterCommit);
                    }
                  }
                });
    if (!stored) {
      waiting.clear();
      events.fire(
          l ->
              l.problem(
                  "Messages that arrived could not be stored on this computer; they stay on the"
                      + " server and will arrive again."));
      redeliverLater();
      report();
      return;
    }
    afterCommit.forEach(Runnable::run);
    report();
    if (!waiting.isEmpty()) {
      drainQueued = true;
      thread.execute(this::drain);
    }
  }

  private void report() {
    int left = waiting.size();
    if (left >= REPORTED_BACKLOG || (reportedBacklog && left > 0)) {
      reportedBacklog = true;
      events.fire(l -> l.catchingUp(left));
    } else if (reportedBacklog) {
      reportedBacklog = false;
      events.fire(l -> l.catchingUp(0));
    }
  }

  /** Renews the connection a little later, so the server delivers the unacknowledged again. */
  private void redeliverLater() {
    ServerConnection c = link.connection();
    if (c == null || c == failedOn) {
      return; // already lost (the next login delivers again), or its renewal is queued
    }
    failedOn = c;
    thread.schedule(
        () -> {
          // Closed, not dropped: a dropped connection closes unheard and nothing would reconnect;
          // this one's loss reaches the reconnector, whose new login gets the server to deliver.
          if (account.isLoggedIn() && link.connection() == c) {
            c.close();
          }
        },
        REDELIVERY_DELAY_MILLIS);
  }

  /**
   * One stored message, inside the batch's unit of work. De-duplication uses the id inside the
   * authenticated payload, not the outer {@code msgId} a server could change; a duplicate is
   * acknowledged again.
   */
  private void handle(MessageEvent f, List<Runnable> afterCommit) {
    String from = f.from();
    String msgId = f.msgId();
    long sentAt = f.sentAt();
    Decrypted d;
    try {
      d = account.sessions().decrypt(from, f.envelope(), E2eSessions.Channel.DURABLE);
    } catch (DecryptionException e) {
      if (e.reason() != DecryptionException.Reason.DUPLICATE) {
        storeUndecryptable(from, msgId, sentAt, e, afterCommit);
      }
      afterCommit.add(() -> ack(from, msgId));
      return;
    }
    account.save();
    if (d.identityChange() != null) {
      notices.tell(d.identityChange());
    }
    storePayload(from, msgId, sentAt, d.plaintext(), afterCommit);
    if (d.newSession() && prekeys.rotateIfDue()) {
      afterCommit.add(
          () -> {
            if (link.isOnline()) {
              prekeys.publish(List.of());
            }
          });
    }
    afterCommit.add(() -> ack(from, msgId));
  }

  private void storePayload(
      String from, String msgId, long sentAt, byte[] plaintext, List<Runnable> afterCommit) {
    Payload p;
    try {
      p = Payload.decode(plaintext);
    } catch (ProtocolException | RuntimeException e) {
      LOG.info("malformed payload from a peer");
      return;
    }
    switch (p.kind()) {
      case Payload.TEXT -> {
        String text = p.text() == null ? "" : p.text();
        // The id inside the envelope is authenticated; the outer one is only the server's word.
        String id = isMsgId(p.id()) ? p.id() : msgId;
        HistoryCalls.run(() -> account.history().addContact(from, System.currentTimeMillis()));
        HistoryCalls.get(() -> account.history().addIncoming(from, id, text, sentAt))
            .ifPresent(m -> afterCommit.add(() -> events.fire(l -> l.messageAdded(m))));
      }
      case Payload.READ -> {
        for (String id : p.ids()) {
          HistoryCalls.get(() -> account.history().advance(from, id, DeliveryState.READ))
              .ifPresent(u -> afterCommit.add(() -> events.fire(l -> l.messageUpdated(u))));
        }
      }
      default -> LOG.fine("ignoring payload kind " + p.kind());
    }
  }

  private static boolean isMsgId(String id) {
    try {
      FieldRules.msgId("id", id);
      return true;
    } catch (ProtocolException e) {
      return false;
    }
  }

  /**
   * Records an envelope that cannot be read (one notice for a run of them) and, when this device
   * has no session with a known contact, starts one so the sender learns this device's identity.
   */
  private void storeUndecryptable(
      String from, String msgId, long sentAt, DecryptionException e, List<Runnable> afterCommit) {
    LOG.info("undecryptable message: " + e.reason());
    // A notice has its own ids: junk under a text's id must not take that text's place.
    HistoryCalls.get(
            () -> account.history().addUndecryptable(from, "undecryptable:" + msgId, sentAt))
        .ifPresent(
            u ->
                afterCommit.add(
                    () -> {
                      if (u.added()) {
                        events.fire(l -> l.messageAdded(u.notice()));
                      } else {
                        events.fire(l -> l.messageUpdated(u.notice()));
                      }
                    }));
    // Only for this user's own contacts: an answer to a stranger would tell them this user is
    // online right now.
    if (!account.sessions().hasSession(from)
        && link.isOnline()
        && contacts.isContact(from)
        && e.reason() != DecryptionException.Reason.TOO_MANY_PEERS
        && resets.allow(from)) {
      afterCommit.add(() -> outbox.sendControl(from, Payload.reset()));
    }
  }

  /**
   * Acknowledges on the current connection, with the rest of the batch. Without one (it was lost
   * while the batch was stored) the server delivers again on the next, and the duplicate is
   * acknowledged then.
   */
  private void ack(String from, String msgId) {
    if (link.isOpen()) {
      link.connection().acknowledge(new MessageRef(from, msgId));
    }
  }

  private void handle(ReceiptEvent r, List<Runnable> afterCommit) {
    HistoryCalls.get(() -> account.history().advance(r.to(), r.msgId(), DeliveryState.DELIVERED))
        .ifPresent(u -> afterCommit.add(() -> events.fire(l -> l.messageUpdated(u))));
    afterCommit.add(
        () -> {
          if (link.isOpen()) {
            link.connection().confirmReceipt(r.rid());
          }
        });
  }
}
