package dev.parley.client.messaging;

import dev.parley.client.account.Account;
import dev.parley.client.account.PrekeyMaintenance;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.contacts.ContactBook;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.sessions.IdentityNotices;
import dev.parley.client.store.HistoryCalls;
import dev.parley.crypto.Decrypted;
import dev.parley.crypto.DecryptionException;
import dev.parley.crypto.E2eSessions;
import dev.parley.protocol.FieldRules;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.AckReceiptRequest;
import dev.parley.protocol.frame.AckRequest;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.MessageEvent;
import dev.parley.protocol.frame.ReceiptEvent;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What arrives for this user: messages (decrypted, stored, then acknowledged) and delivery
 * receipts. Client thread only.
 */
public final class Inbox {
  private static final Logger LOG = Logger.getLogger(Inbox.class.getName());

  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final ContactBook contacts;
  private final IdentityNotices notices;
  private final Outbox outbox;
  private final PrekeyMaintenance prekeys;
  private final ResetLimiter resets = new ResetLimiter(System::currentTimeMillis);

  /** The inbox of {@code account}, fed by {@code link}'s events. */
  public Inbox(
      ClientEvents events,
      ServerLink link,
      Account account,
      ContactBook contacts,
      IdentityNotices notices,
      Outbox outbox,
      PrekeyMaintenance prekeys) {
    this.events = events;
    this.link = link;
    this.account = account;
    this.contacts = contacts;
    this.notices = notices;
    this.outbox = outbox;
    this.prekeys = prekeys;
  }

  /**
   * One stored message. Decryption happens in memory; the message (or its notice) is stored, then
   * the key store is saved, and only then is it acknowledged. When storing fails the key store is
   * reloaded from disk and nothing is acknowledged, so the server delivers it again later and no
   * text is lost. De-duplication uses the id inside the authenticated payload, not the outer {@code
   * msgId} a server could change.
   */
  public void onMessage(MessageEvent f) {
    String from = f.from();
    String msgId = f.msgId();
    long sentAt = f.sentAt();
    Decrypted d;
    try {
      d = account.sessions().decrypt(from, f.envelope(), E2eSessions.Channel.DURABLE);
    } catch (DecryptionException e) {
      if (e.reason() != DecryptionException.Reason.DUPLICATE
          && !storeUndecryptable(from, msgId, sentAt, e)) {
        return;
      }
      ack(from, msgId);
      return;
    }
    try {
      if (d.identityChange() != null) {
        notices.tell(d.identityChange());
      }
      storePayload(from, msgId, sentAt, d.plaintext());
      account.save();
    } catch (RuntimeException local) {
      LOG.log(
          Level.WARNING,
          "could not store a message from " + from + "; it stays on the server",
          local);
      account.rollBack();
      events.fire(
          l -> l.problem("A message from " + from + " could not be stored; it will arrive again."));
      return;
    }
    if (d.newSession() && prekeys.rotateIfDue() && link.isOnline()) {
      prekeys.publish(List.of());
    }
    ack(from, msgId);
  }

  private void storePayload(String from, String msgId, long sentAt, byte[] plaintext) {
    Payload p;
    try {
      p = Payload.decode(plaintext);
    } catch (ProtocolException | RuntimeException e) {
      LOG.info("malformed payload from " + from);
      return;
    }
    switch (p.kind()) {
      case Payload.TEXT -> {
        String text = p.text() == null ? "" : p.text();
        // The id inside the envelope is authenticated; the outer one is only the server's word.
        String id = isMsgId(p.id()) ? p.id() : msgId;
        HistoryCalls.run(() -> account.history().addContact(from, System.currentTimeMillis()));
        HistoryCalls.get(() -> account.history().addIncoming(from, id, text, sentAt))
            .ifPresent(m -> events.fire(l -> l.messageAdded(m)));
      }
      case Payload.READ -> {
        for (String id : p.ids()) {
          HistoryCalls.get(() -> account.history().advance(from, id, DeliveryState.READ))
              .ifPresent(u -> events.fire(l -> l.messageUpdated(u)));
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
   * False when storing failed (then it is not acknowledged).
   */
  private boolean storeUndecryptable(
      String from, String msgId, long sentAt, DecryptionException e) {
    LOG.info("undecryptable message from " + from + ": " + e.reason());
    try {
      // A notice has its own ids: junk under a text's id must not take that text's place.
      HistoryCalls.get(
              () -> account.history().addUndecryptable(from, "undecryptable:" + msgId, sentAt))
          .ifPresent(
              u -> {
                if (u.added()) {
                  events.fire(l -> l.messageAdded(u.notice()));
                } else {
                  events.fire(l -> l.messageUpdated(u.notice()));
                }
              });
    } catch (RuntimeException local) {
      LOG.log(Level.WARNING, "could not store a notice from " + from, local);
      return false;
    }
    // Only for this user's own contacts: an answer to a stranger would tell them this user is
    // online right now.
    if (!account.sessions().hasSession(from)
        && link.isOnline()
        && contacts.isContact(from)
        && e.reason() != DecryptionException.Reason.TOO_MANY_PEERS
        && resets.allow(from)) {
      outbox.sendControl(from, Payload.reset());
    }
    return true;
  }

  private void ack(String from, String msgId) {
    link.send(id -> new AckRequest(id, from, msgId), EmptyOk.class);
  }

  /** A {@code receipt} event: the message reached its recipient; the receipt is acknowledged. */
  public void onReceipt(ReceiptEvent r) {
    HistoryCalls.get(() -> account.history().advance(r.to(), r.msgId(), DeliveryState.DELIVERED))
        .ifPresent(u -> events.fire(l -> l.messageUpdated(u)));
    link.send(id -> new AckReceiptRequest(id, r.rid()), EmptyOk.class);
  }
}
