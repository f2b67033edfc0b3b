package dev.parley.client.store;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.DeliveryState;
import dev.parley.crypto.CorruptKeyStoreException;
import dev.parley.crypto.CryptoException;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.KeyStoreFile;
import dev.parley.crypto.LocalDataCipher;
import dev.parley.crypto.WrongPasswordException;
import dev.parley.platform.sql.Sql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * An account as versions before the account database kept it: the sealed key-store file {@code
 * keys.pks} and the history {@code history.db} (texts sealed, contacts' names in clear). On first
 * unlock it is taken over into a new {@link AccountDatabase} in one transaction, keys, sessions,
 * verified marks and history included, and only then are the old files deleted; a crash before the
 * commit leaves them as they were, to be taken over at the next unlock.
 */
public final class LegacyAccount {
  private static final Logger LOG = Logger.getLogger(LegacyAccount.class.getName());
  private static final String KEYS = "keys.pks";
  private static final String HISTORY = "history.db";

  private LegacyAccount() {}

  /** True when {@code dir} holds an account in the old layout. */
  public static boolean exists(Path dir) {
    return KeyStoreFile.exists(dir.resolve(KEYS));
  }

  /**
   * Takes the old account in {@code dir} over into a new database sealed under the same password
   * (and the same PBKDF2 cost), then deletes the old files.
   *
   * @throws WrongPasswordException when {@code password} does not open the old key store
   */
  public static AccountDatabase migrate(Path dir, char[] password, Transactions.Later thread)
      throws IOException, SQLException, WrongPasswordException, CorruptKeyStoreException {
    KeyStoreFile old = KeyStoreFile.open(dir.resolve(KEYS), password);
    KeyStoreContents keys = old.contents();
    Path history = dir.resolve(HISTORY);
    AccountDatabase db;
    if (Files.isRegularFile(history)) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + history.toAbsolutePath())) {
        takeOverTrust(c, keys);
        LocalDataCipher cipher = new LocalDataCipher(keys.localDataKey());
        db =
            AccountDatabase.create(
                dir, password, old.iterations(), keys, thread, a -> copyHistory(c, cipher, a));
      }
    } else {
      keys.markTrustImported();
      db = AccountDatabase.create(dir, password, old.iterations(), keys, thread, a -> {});
    }
    deleteLeftovers(dir);
    LOG.info("took over an account kept in the old layout into " + db.file());
    return db;
  }

  /** Deletes old-layout files beside a complete account database (a crash after the takeover). */
  public static void deleteLeftovers(Path dir) throws IOException {
    for (String name : List.of(KEYS, HISTORY, HISTORY + "-wal", HISTORY + "-shm")) {
      Files.deleteIfExists(dir.resolve(name));
    }
  }

  /**
   * The oldest versions kept identity keys and verified marks in the history, unauthenticated; they
   * were taken over into the key store once, as they are here if that never happened.
   */
  private static void takeOverTrust(Connection c, KeyStoreContents keys) throws SQLException {
    if (keys.trustImported()) {
      return;
    }
    for (Object[] row :
        Sql.list(
            c,
            "SELECT name, identity, verified FROM contacts WHERE identity IS NOT NULL",
            rs -> new Object[] {rs.getString(1), rs.getBytes(2), rs.getInt(3) == 1})) {
      try {
        keys.importTrust(
            (String) row[0], IdentityPublicKey.decode((byte[]) row[1]), (Boolean) row[2]);
      } catch (IllegalArgumentException damaged) {
        LOG.warning("skipping a damaged identity key in the old history");
      }
    }
    keys.markTrustImported();
  }

  private static void copyHistory(Connection c, LocalDataCipher cipher, AccountDatabase into)
      throws SQLException {
    Set<String> columns = new HashSet<>();
    columns.addAll(
        Sql.list(c, "SELECT name FROM pragma_table_info('contacts')", rs -> rs.getString(1)));
    String removed = columns.contains("removed") ? "removed" : "0";
    for (Object[] row :
        Sql.list(
            c,
            "SELECT name, added_at, " + removed + " FROM contacts ORDER BY added_at",
            rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getInt(3) == 1})) {
      if (!(Boolean) row[2]) {
        into.history().addContact((String) row[0], (Long) row[1]);
      }
    }
    boolean hasRepeats =
        Sql.exists(c, "SELECT 1 FROM pragma_table_info('messages') WHERE name = 'repeats'");
    Sql.list(
        c,
        "SELECT peer, msg_id, outgoing, kind, body, sent_at, state, read, envelope, "
            + (hasRepeats ? "repeats" : "1")
            + " FROM messages ORDER BY id",
        rs -> copyMessage(rs, cipher, into));
  }

  private static Void copyMessage(ResultSet rs, LocalDataCipher cipher, AccountDatabase into)
      throws SQLException {
    String peer = rs.getString(1);
    String msgId = rs.getString(2);
    boolean outgoing = rs.getInt(3) == 1;
    String text;
    try {
      byte[] ad =
          (peer + "\u0000" + msgId + "\u0000" + (outgoing ? "out" : "in"))
              .getBytes(StandardCharsets.UTF_8);
      text = new String(cipher.open(rs.getBytes(5), ad), StandardCharsets.UTF_8);
    } catch (CryptoException damaged) {
      text = "(this message is damaged on disk)";
    }
    into.history()
        .insert(
            new HistoryStore.Row(
                peer,
                msgId,
                outgoing,
                ChatMessage.Kind.valueOf(rs.getString(4)),
                text,
                rs.getLong(6),
                DeliveryState.valueOf(rs.getString(7)),
                rs.getInt(8) == 1,
                rs.getBytes(9),
                rs.getInt(10)));
    return null;
  }
}
