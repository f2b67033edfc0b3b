package dev.parley.client.messaging;

import com.google.gson.JsonObject;
import dev.parley.client.account.Account;
import dev.parley.client.connection.ServerFields;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.crypto.DecryptionException;
import dev.parley.crypto.E2eSessions;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.ProtocolException;
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
  // The largest typing envelope accepted from the server.
  private static final int MAX_ENVELOPE_BYTES = 1 << 16;

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
    JsonObject req = new JsonObject();
    req.addProperty("to", peer);
    req.addProperty("envelope", Fields.base64(envelope));
    link.request(FrameType.TYPING, req);
  }

  /** A {@code typing} event: shown only if it decrypts under the identity on record. */
  public void onTyping(JsonObject f) throws ProtocolException {
    String from = ServerFields.username(f, "from");
    byte[] envelope = Fields.bytes(f, "envelope", MAX_ENVELOPE_BYTES);
    try {
      account.sessions().decrypt(from, envelope, E2eSessions.Channel.EPHEMERAL, Typing::isTyping);
      account.save();
      events.fire(l -> l.typing(from));
    } catch (DecryptionException | RuntimeException e) {
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
