package dev.parley.client.store;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.Conversation;
import dev.parley.client.api.DeliveryState;
import dev.parley.crypto.CryptoException;
import dev.parley.crypto.LocalDataCipher;
import dev.parley.platform.PrivateFiles;
import dev.parley.platform.sql.SchemaMigrations;
import dev.parley.platform.sql.Sql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * One account's local history in SQLite. Message texts are sealed with the key store's local data
 * key (AES-256-GCM, bound to the row's peer, id and direction), so the file holds no plaintext.
 * Used from the client's own thread only.
 */
public final class HistoryStore implements AutoCloseable {
  private static final SchemaMigrations SCHEMA =
      new SchemaMigrations(
          "history schema",
          List.of(
              List.of(
                  "CREATE TABLE contacts (name TEXT PRIMARY KEY, identity BLOB, "
                      + "verified INTEGER NOT NULL DEFAULT 0, added_at INTEGER NOT NULL)",
                  "CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, peer TEXT NOT NULL, "
                      + "msg_id TEXT NOT NULL, outgoing INTEGER NOT NULL, kind TEXT NOT NULL, "
                      + "body BLOB NOT NULL, sent_at INTEGER NOT NULL, state TEXT NOT NULL, "
                      + "read INTEGER NOT NULL DEFAULT 0, envelope BLOB, "
                      + "UNIQUE (peer, msg_id, outgoing))",
                  "CREATE INDEX messages_by_peer ON messages(peer, id)"),
              // 2: a removed contact keeps its row (identity key, verified mark), so re-adding it
              // still notices a changed key instead of trusting whatever key comes first again.
              List.of("ALTER TABLE contacts ADD COLUMN removed INTEGER NOT NULL DEFAULT 0"),
              // 3: undecryptable envelopes in a row from one sender share one notice with a count.
              List.of("ALTER TABLE messages ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1")));

  private final Connection db;
  private final LocalDataCipher cipher;

  private HistoryStore(Connection db, LocalDataCipher cipher) {
    this.db = db;
    this.cipher = cipher;
  }

  /** Opens (creating as needed) the history in {@code file}. */
  public static HistoryStore open(Path file, byte[] dataKey) throws IOException {
    try {
      // Created private before SQLite opens it: its -wal and -shm files take the same mode.
      PrivateFiles.file(file);
      PrivateFiles.tighten(Path.of(file + "-wal"));
      PrivateFiles.tighten(Path.of(file + "-shm"));
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(5_000);
      Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      migrate(c);
      return new HistoryStore(c, new LocalDataCipher(dataKey));
    } catch (SQLException e) {
      throw new IOException("cannot open the message history " + file + ": " + e.getMessage(), e);
    }
  }

  private static void migrate(Connection c) throws SQLException {
    SCHEMA.migrate(c, "this app");
  }

  private byte[] seal(String peer, String msgId, boolean outgoing, String text) {
    return cipher.seal(text.getBytes(StandardCharsets.UTF_8), ad(peer, msgId, outgoing));
  }

  private String open(String peer, String msgId, boolean outgoing, byte[] body) {
    try {
      return new String(cipher.open(body, ad(peer, msgId, outgoing)), StandardCharsets.UTF_8);
    } catch (CryptoException e) {
      return "(this message is damaged on disk)";
    }
  }

  private static byte[] ad(String peer, String msgId, boolean outgoing) {
    return (peer + "\u0000" + msgId + "\u0000" + (outgoing ? "out" : "in"))
        .getBytes(StandardCharsets.UTF_8);
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
          seal(peer, last.msgId(), false, text),
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

  private Optional<ChatMessage> insert(
      String peer,
      String msgId,
      boolean outgoing,
      ChatMessage.Kind kind,
      String text,
      long at,
      DeliveryState state)
      throws SQLException {
    return Sql.first(
        db,
        "INSERT INTO messages(peer, msg_id, outgoing, kind, body, sent_at, state, read) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
        rs -> new ChatMessage(rs.getLong(1), peer, msgId, outgoing, kind, text, at, state),
        peer,
        msgId,
        outgoing ? 1 : 0,
        kind.name(),
        seal(peer, msgId, outgoing, text),
        at,
        state.name(),
        outgoing || kind != ChatMessage.Kind.TEXT ? 1 : 0);
  }

  /** Keeps the encrypted envelope of an outgoing message so a resend uses identical bytes. */
  public void setEnvelope(long localId, byte[] envelope) throws SQLException {
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
    List<ChatMessage> found = query("WHERE peer = ? AND msg_id = ? AND outgoing = 1", peer, msgId);
    if (found.isEmpty() || found.get(0).state().ordinal() >= state.ordinal()) {
      return Optional.empty();
    }
    ChatMessage m = found.get(0);
    Sql.update(
        db,
        "UPDATE messages SET state = ?, envelope = CASE WHEN ? THEN NULL ELSE envelope END "
            + "WHERE id = ?",
        state.name(),
        state != DeliveryState.SENDING,
        m.localId());
    return Optional.of(
        new ChatMessage(
            m.localId(), m.peer(), m.msgId(), true, m.kind(), m.text(), m.sentAt(), state));
  }

  /**
   * Marks an outgoing message that is still {@link DeliveryState#SENDING} as {@link
   * DeliveryState#FAILED}: it can never be sent, so it leaves the outbox (and its stored envelope
   * is dropped). Returns the updated message; empty when it was not sending (a message the server
   * already stored never fails).
   */
  public Optional<ChatMessage> fail(String peer, String msgId) throws SQLException {
    boolean failed =
        Sql.first(
                db,
                "UPDATE messages SET state = 'FAILED', envelope = NULL WHERE peer = ? AND msg_id = ?"
                    + " AND outgoing = 1 AND state = 'SENDING' RETURNING id",
                rs -> rs.getLong(1),
                peer,
                msgId)
            .isPresent();
    if (!failed) {
      return Optional.empty();
    }
    return query("WHERE peer = ? AND msg_id = ? AND outgoing = 1", peer, msgId).stream()
        .findFirst();
  }

  /** Up to {@code limit} entries with peer before {@code beforeLocalId}, oldest first. */
  public List<ChatMessage> history(String peer, int limit, long beforeLocalId) throws SQLException {
    List<ChatMessage> newestFirst =
        query("WHERE peer = ? AND id < ? ORDER BY id DESC LIMIT ?", peer, beforeLocalId, limit);
    List<ChatMessage> out = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(out);
    return out;
  }

  /** Ids of received messages from {@code peer} not yet marked read; marks them read. */
  public List<String> takeUnread(String peer) throws SQLException {
    return Sql.list(
        db,
        "UPDATE messages SET read = 1 WHERE peer = ? AND outgoing = 0 AND read = 0 "
            + "AND kind = 'TEXT' RETURNING msg_id",
        rs -> rs.getString(1),
        peer);
  }

  /** Every conversation, most recent activity first. */
  public List<Conversation> conversations() throws SQLException {
    List<Conversation> out = new ArrayList<>();
    List<String> peers =
        Sql.list(
            db,
            "SELECT name FROM contacts WHERE removed = 0 UNION SELECT DISTINCT peer FROM messages",
            rs -> rs.getString(1));
    for (String peer : peers) {
      List<ChatMessage> last = history(peer, 1, Long.MAX_VALUE);
      int unread =
          Sql.one(
              db,
              "SELECT COUNT(*) FROM messages WHERE peer = ? AND outgoing = 0 AND read = 0",
              rs -> rs.getInt(1),
              peer);
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
    Sql.update(
        db, "INSERT INTO contacts(name, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING", name, now);
    Sql.update(db, "UPDATE contacts SET removed = 0 WHERE name = ?", name);
  }

  /** Takes a contact off the list; its messages, identity key and verified mark stay. */
  public void removeContact(String name) throws SQLException {
    Sql.update(db, "UPDATE contacts SET removed = 1 WHERE name = ?", name);
  }

  /** Contact names (not the removed ones). */
  public List<String> contactNames() throws SQLException {
    return Sql.list(
        db, "SELECT name FROM contacts WHERE removed = 0 ORDER BY name", rs -> rs.getString(1));
  }

  /**
   * Identity keys and verified marks as older versions kept them here, unauthenticated. The key
   * store holds them now; they are read once, to take them over.
   */
  public List<LegacyTrust> legacyTrust() throws SQLException {
    return Sql.list(
        db,
        "SELECT name, identity, verified FROM contacts WHERE identity IS NOT NULL",
        rs -> new LegacyTrust(rs.getString(1), rs.getBytes(2), rs.getInt(3) == 1));
  }

  /** One contact's identity key (64 bytes) and verified mark from an older history. */
  public record LegacyTrust(String name, byte[] identity, boolean verified) {}

  private List<ChatMessage> query(String where, Object... args) throws SQLException {
    return Sql.list(
        db,
        "SELECT id, peer, msg_id, outgoing, kind, body, sent_at, state FROM messages " + where,
        this::message,
        args);
  }

  private ChatMessage message(ResultSet rs) throws SQLException {
    String peer = rs.getString(2);
    String msgId = rs.getString(3);
    boolean outgoing = rs.getInt(4) == 1;
    return new ChatMessage(
        rs.getLong(1),
        peer,
        msgId,
        outgoing,
        ChatMessage.Kind.valueOf(rs.getString(5)),
        open(peer, msgId, outgoing, rs.getBytes(6)),
        rs.getLong(7),
        DeliveryState.valueOf(rs.getString(8)));
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
