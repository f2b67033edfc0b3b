package dev.parley.client.messaging;

import dev.parley.client.account.Account;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.crypto.DecryptionException;
import dev.parley.crypto.E2eSessions;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.TypingEvent;
import dev.parley.protocol.frame.TypingRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Typing notices both ways, inside existing sessions only: they never start a session or change
 * whom this user's messages go to. Client thread only.
 */
public final class Typing {
  private static final Logger LOG = Logger.getLogger(Typing.class.getName());
  private static final long INTERVAL_MILLIS = 3_000;

  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final Map<String, Long> lastSent = new HashMap<>();

  /** Typing notices of {@code account} over {@code link}. */
  public Typing(ClientEvents events, ServerLink link, Account account) {
    this.events = events;
    this.link = link;
    this.account = account;
  }

  /** Tells {@code peer} this user is typing (at most every few seconds; needs a session). */
  public void send(String peer) {
    long now = System.currentTimeMillis();
    if (!link.isOnline()
        || !account.sessions().hasSession(peer)
        || now - lastSent.getOrDefault(peer, 0L) < INTERVAL_MILLIS) {
      return;
    }
    lastSent.put(peer, now);
    byte[] envelope = account.sessions().encrypt(peer, Payload.typing().encode());
    account.save();
    link.send(id -> new TypingRequest(id, peer, envelope), EmptyOk.class);
  }

  /** A {@code typing} event: shown only if it decrypts under the identity on record. */
  public void onTyping(TypingEvent e) {
    String from = e.from();
    try {
      account
          .sessions()
          .decrypt(from, e.envelope(), E2eSessions.Channel.EPHEMERAL, Typing::isTyping);
      account.save();
      events.fire(l -> l.typing(from));
    } catch (DecryptionException | RuntimeException unreadable) {
      LOG.fine("ignoring an unreadable typing notice from " + from);
    }
  }

  private static boolean isTyping(byte[] plaintext) {
    try {
      return Payload.TYPING.equals(Payload.decode(plaintext).kind());
    } catch (ProtocolException | RuntimeException e) {
      return false;
    }
  }
}
