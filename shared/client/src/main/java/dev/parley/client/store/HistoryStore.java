package dev.parley.client.store;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.Conversation;
import dev.parley.client.api.DeliveryState;
import dev.parley.crypto.AccountKey;
import dev.parley.crypto.CryptoException;
import dev.parley.platform.sql.Sql;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One account's history, in the account's database ({@link AccountDatabase}). Texts and peers'
 * names are sealed (AES-256-GCM under the account key, each bound to its row); rows name a peer by
 * its keyed tag, so the file holds neither texts nor names. Every write joins the open unit of work
 * ({@link Transactions}). Used from the client's own thread only.
 */
public final class HistoryStore {
  private static final String COLUMNS = "id, peer, msg_id, outgoing, kind, body, sent_at, state";

  private final Connection db;
  private final HistorySeals seals;
  private final Transactions tx;
  // Tag -> name of every peer with a row, and the tags of the contacts among them, read at open and
  // after a rollback: rows carry tags only, and every received text makes sure its sender is a
  // contact, which must not cost a query each.
  private final Map<ByteBuffer, String> names = new HashMap<>();
  private final Set<ByteBuffer> contacts = new HashSet<>();

  HistoryStore(Connection db, AccountKey key, Transactions tx) throws SQLException {
    this.db = db;
    this.seals = new HistorySeals(key);
    this.tx = tx;
    reloadNames();
  }

  /**
   * Reads the peers' names and contact marks as committed: a unit of work that was rolled back may
   * have added one here, and a name here is taken to mean its row exists.
   */
  void reloadNames() throws SQLException {
    names.clear();
    contacts.clear();
    for (Object[] row :
        Sql.list(
            db,
            "SELECT tag, name, contact FROM peers",
            rs -> new Object[] {rs.getBytes(1), rs.getBytes(2), rs.getInt(3) == 1})) {
      byte[] tag = (byte[]) row[0];
      if ((Boolean) row[2]) {
        contacts.add(ByteBuffer.wrap(tag));
      }
      try {
        names.put(ByteBuffer.wrap(tag), seals.openName(tag, (byte[]) row[1]));
      } catch (CryptoException damaged) {
        // A damaged name hides that conversation rather than failing the whole account.
      }
    }
  }

  private byte[] tag(String peer) {
    return seals.tag(peer);
  }

  /** Puts {@code peer} in the peers table (not as a contact) if it is not there yet. */
  private byte[] knownPeer(String peer, long now) throws SQLException {
    byte[] tag = tag(peer);
    if (names.putIfAbsent(ByteBuffer.wrap(tag), peer) == null) {
      tx.join();
      Sql.update(
          db,
          "INSERT OR IGNORE INTO peers(tag, name, contact, added_at) VALUES (?, ?, 0, ?)",
          tag,
          seals.sealName(tag, peer),
          now);
    }
    return tag;
  }

  /** Stores a message this user wrote, in state {@link DeliveryState#SENDING}. */
  public ChatMessage addOutgoing(String peer, String msgId, String text, long now)
      throws SQLException {
    return insert(peer, msgId, true, ChatMessage.Kind.TEXT, text, now, DeliveryState.SENDING)
        .orElseThrow(() -> new SQLException("duplicate outgoing msgId " + msgId));
  }

  /** Stores a received message; empty when (peer, msgId) was stored before. */
  public Optional<ChatMessage> addIncoming(String peer, String msgId, String text, long sentAt)
      throws SQLException {
    return insert(peer, msgId, false, ChatMessage.Kind.TEXT, text, sentAt, DeliveryState.RECEIVED);
  }

  /**
   * Records an envelope from {@code peer} that could not be decrypted. When the newest entry of the
   * conversation already is such a notice, it counts one more instead of adding a row, so a flood
   * of junk becomes one line (its count may include a redelivery). Returns the notice and whether
   * it is new; empty for a redelivery of the envelope that started the notice.
   */
  public Optional<Undecryptable> addUndecryptable(String peer, String msgId, long at)
      throws SQLException {
    List<ChatMessage> newest = history(peer, 1, Long.MAX_VALUE);
    if (!newest.isEmpty() && newest.get(0).kind() == ChatMessage.Kind.UNDECRYPTABLE) {
      ChatMessage last = newest.get(0);
      tx.join();
      int repeats =
          Sql.one(
              db,
              "UPDATE messages SET repeats = repeats + 1 WHERE id = ? RETURNING repeats",
              rs -> rs.getInt(1),
              last.localId());
      String text = undecryptableText(peer, repeats);
      Sql.update(
          db,
          "UPDATE messages SET body = ? WHERE id = ?",
          seals.sealText(tag(peer), last.msgId(), false, text),
          last.localId());
      return Optional.of(
          new Undecryptable(
              new ChatMessage(
                  last.localId(),
                  peer,
                  last.msgId(),
                  false,
                  ChatMessage.Kind.UNDECRYPTABLE,
                  text,
                  last.sentAt(),
                  DeliveryState.RECEIVED),
              false));
    }
    return insert(
            peer,
            msgId,
            false,
            ChatMessage.Kind.UNDECRYPTABLE,
            undecryptableText(peer, 1),
            at,
            DeliveryState.RECEIVED)
        .map(m -> new Undecryptable(m, true));
  }

  /** A notice about undecryptable envelopes, and whether it was added (or counted one more). */
  public record Undecryptable(ChatMessage notice, boolean added) {}

  private static String undecryptableText(String peer, int repeats) {
    return repeats == 1
        ? "A message from " + peer + " could not be decrypted."
        : repeats + " messages from " + peer + " could not be decrypted.";
  }

  /** Stores a notice (identity change, undecryptable message) in the conversation. */
  public ChatMessage addNotice(
      String peer, String msgId, ChatMessage.Kind kind, String text, long now) throws SQLException {
    return insert(peer, msgId, false, kind, text, now, DeliveryState.RECEIVED)
        .orElseThrow(() -> new SQLException("duplicate notice " + msgId));
  }

  /** A message as stored, read state and envelope included (taking over an older history). */
  record Row(
      String peer,
      String msgId,
      boolean outgoing,
      ChatMessage.Kind kind,
      String text,
      long at,
      DeliveryState state,
      boolean read,
      byte[] envelope,
      int repeats) {}

  /** Stores {@code r}; empty when (peer, msgId, direction) was stored before. */
  Optional<ChatMessage> insert(Row r) throws SQLException {
    byte[] tag = knownPeer(r.peer(), r.at());
    tx.join();
    return Sql.first(
        db,
        "INSERT INTO messages(peer, msg_id, outgoing, kind, body, sent_at, state, read, envelope,"
            + " repeats) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
        rs ->
            new ChatMessage(
                rs.getLong(1),
                r.peer(),
                r.msgId(),
                r.outgoing(),
                r.kind(),
                r.text(),
                r.at(),
                r.state()),
        tag,
        r.msgId(),
        r.outgoing() ? 1 : 0,
        r.kind().name(),
        seals.sealText(tag, r.msgId(), r.outgoing(), r.text()),
        r.at(),
        r.state().name(),
        r.read() ? 1 : 0,
        r.envelope(),
        r.repeats());
  }

  private Optional<ChatMessage> insert(
      String peer,
      String msgId,
      boolean outgoing,
      ChatMessage.Kind kind,
      String text,
      long at,
      DeliveryState state)
      throws SQLException {
    // What this user wrote and notices count as read.
    boolean read = outgoing || kind != ChatMessage.Kind.TEXT;
    return insert(new Row(peer, msgId, outgoing, kind, text, at, state, read, null, 1));
  }

  /** Keeps the encrypted envelope of an outgoing message so a resend uses identical bytes. */
  public void setEnvelope(long localId, byte[] envelope) throws SQLException {
    tx.join();
    Sql.update(db, "UPDATE messages SET envelope = ? WHERE id = ?", envelope, localId);
  }

  /** The envelope stored for an outgoing message, if it was encrypted already. */
  public Optional<byte[]> envelope(long localId) throws SQLException {
    return Sql.first(
        db,
        "SELECT envelope FROM messages WHERE id = ? AND envelope IS NOT NULL",
        rs -> rs.getBytes(1),
        localId);
  }

  /** Outgoing messages not yet confirmed by the server, oldest first. */
  public List<ChatMessage> outbox() throws SQLException {
    return query("WHERE outgoing = 1 AND state = 'SENDING' ORDER BY id");
  }

  /**
   * Moves an outgoing message forward to {@code state} (never backwards, never out of {@link
   * DeliveryState#FAILED}); returns the updated message when it changed. Use {@link #fail} to fail
   * one.
   */
  public Optional<ChatMessage> advance(String peer, String msgId, DeliveryState state)
      throws SQLException {
    if (state == DeliveryState.FAILED) {
      throw new IllegalArgumentException("a message fails through fail(), from SENDING only");
    }
    // One statement per receipt or ok: the row changes only from a state before the new one.
    tx.join();
    return Sql.first(
        db,
        "UPDATE messages SET state = ?, envelope = CASE WHEN ? THEN NULL ELSE envelope END "
            + "WHERE peer = ? AND msg_id = ? AND outgoing = 1 AND state IN "
            + statesBefore(state)
            + " RETURNING "
            + COLUMNS,
        this::message,
        state.name(),
        state != DeliveryState.SENDING,
        tag(peer),
        msgId);
  }

  /** The SQL list of the states that come before {@code state}, e.g. {@code ('SENDING','SENT')}. */
  private static String statesBefore(DeliveryState state) {
    StringBuilder in = new StringBuilder("(");
    for (DeliveryState s : DeliveryState.values()) {
      if (s.ordinal() < state.ordinal()) {
        in.append(in.length() > 1 ? "," : "").append('\'').append(s.name()).append('\'');
      }
    }
    // SENDING, the first state, comes before nothing: an empty list matches no row.
    return in.append(")").toString();
  }

  /**
   * Marks an outgoing message that is still {@link DeliveryState#SENDING} as {@link
   * DeliveryState#FAILED}: it can never be sent, so it leaves the outbox (and its stored envelope
   * is dropped). Returns the updated message; empty when it was not sending (a message the server
   * already stored never fails).
   */
  public Optional<ChatMessage> fail(String peer, String msgId) throws SQLException {
    tx.join();
    boolean failed =
        Sql.first(
                db,
                "UPDATE messages SET state = 'FAILED', envelope = NULL WHERE peer = ? AND msg_id = ?"
                    + " AND outgoing = 1 AND state = 'SENDING' RETURNING id",
                rs -> rs.getLong(1),
                tag(peer),
                msgId)
            .isPresent();
    if (!failed) {
      return Optional.empty();
    }
    return query("WHERE peer = ? AND msg_id = ? AND outgoing = 1", tag(peer), msgId).stream()
        .findFirst();
  }

  /** Up to {@code limit} entries with peer before {@code beforeLocalId}, oldest first. */
  public List<ChatMessage> history(String peer, int limit, long beforeLocalId) throws SQLException {
    List<ChatMessage> newestFirst =
        query(
            "WHERE peer = ? AND id < ? ORDER BY id DESC LIMIT ?", tag(peer), beforeLocalId, limit);
    List<ChatMessage> out = new ArrayList<>(newestFirst);
    Collections.reverse(out);
    return out;
  }

  /** Ids of received messages from {@code peer} not yet marked read; marks them read. */
  public List<String> takeUnread(String peer) throws SQLException {
    tx.join();
    return Sql.list(
        db,
        "UPDATE messages SET read = 1 WHERE peer = ? AND outgoing = 0 AND read = 0 "
            + "AND kind = 'TEXT' RETURNING msg_id",
        rs -> rs.getString(1),
        tag(peer));
  }

  /** Every conversation, most recent activity first. */
  public List<Conversation> conversations() throws SQLException {
    List<Conversation> out = new ArrayList<>();
    List<byte[]> tags =
        Sql.list(
            db,
            "SELECT tag FROM peers WHERE contact = 1 "
                + "OR EXISTS (SELECT 1 FROM messages WHERE messages.peer = peers.tag)",
            rs -> rs.getBytes(1));
    for (byte[] tag : tags) {
      String peer = names.get(ByteBuffer.wrap(tag));
      if (peer == null) {
        continue;
      }
      List<ChatMessage> last = history(peer, 1, Long.MAX_VALUE);
      int unread =
          Sql.one(
              db,
              "SELECT COUNT(*) FROM messages WHERE peer = ? AND outgoing = 0 AND read = 0",
              rs -> rs.getInt(1),
              (Object) tag);
      out.add(new Conversation(peer, last.isEmpty() ? null : last.get(0), unread));
    }
    out.sort(
        (a, b) ->
            Long.compare(
                b.lastMessage() == null ? 0 : b.lastMessage().localId(),
                a.lastMessage() == null ? 0 : a.lastMessage().localId()));
    return out;
  }

  /** Records a contact, or brings back one that was removed. */
  public void addContact(String name, long now) throws SQLException {
    byte[] tag = knownPeer(name, now);
    if (!contacts.contains(ByteBuffer.wrap(tag))) {
      tx.join();
      Sql.update(db, "UPDATE peers SET contact = 1 WHERE tag = ?", (Object) tag);
      contacts.add(ByteBuffer.wrap(tag));
    }
  }

  /** Takes a contact off the list; its messages, identity key and verified mark stay. */
  public void removeContact(String name) throws SQLException {
    byte[] tag = tag(name);
    tx.join();
    Sql.update(db, "UPDATE peers SET contact = 0 WHERE tag = ?", (Object) tag);
    contacts.remove(ByteBuffer.wrap(tag));
  }

  /** Contact names (not the removed ones). */
  public List<String> contactNames() throws SQLException {
    return Sql.list(db, "SELECT tag FROM peers WHERE contact = 1", rs -> rs.getBytes(1)).stream()
        .map(t -> names.get(ByteBuffer.wrap(t)))
        .filter(n -> n != null)
        .sorted()
        .toList();
  }

  private List<ChatMessage> query(String where, Object... args) throws SQLException {
    return Sql.list(db, "SELECT " + COLUMNS + " FROM messages " + where, this::message, args);
  }

  private ChatMessage message(ResultSet rs) throws SQLException {
    byte[] tag = rs.getBytes(2);
    String peer = names.getOrDefault(ByteBuffer.wrap(tag), "(unknown)");
    String msgId = rs.getString(3);
    boolean outgoing = rs.getInt(4) == 1;
    return new ChatMessage(
        rs.getLong(1),
        peer,
        msgId,
        outgoing,
        ChatMessage.Kind.valueOf(rs.getString(5)),
        seals.openText(tag, msgId, outgoing, rs.getBytes(6)),
        rs.getLong(7),
        DeliveryState.valueOf(rs.getString(8)));
  }
}
