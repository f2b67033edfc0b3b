package dev.parley.client.store;

import dev.parley.crypto.AccountKey;
import dev.parley.crypto.CorruptKeyStoreException;
import dev.parley.crypto.CryptoException;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.platform.sql.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key state's rows: one sealed core record (identity, prekeys, replay record, flags) and one
 * sealed record per peer (identity on record, verified mark, sessions), found by the peer's keyed
 * tag. A save writes only what changed, so a ratchet step rewrites one peer's row instead of the
 * whole store. Peer rows keep their order of last use, which decides what is evicted first.
 */
final class KeyRecords {
  private static final byte[] CORE_AD = "key core".getBytes(StandardCharsets.US_ASCII);

  private final Connection db;
  private final AccountKey key;
  private long used;

  KeyRecords(Connection db, AccountKey key) {
    this.db = db;
    this.key = key;
  }

  /** Reads the whole key state. */
  KeyStoreContents load() throws SQLException, CorruptKeyStoreException {
    byte[] core =
        Sql.first(db, "SELECT body FROM key_core WHERE id = 1", rs -> rs.getBytes(1))
            .orElseThrow(() -> new CorruptKeyStoreException("the account has no keys"));
    List<byte[]> peers = new ArrayList<>();
    List<Object[]> rows =
        Sql.list(
            db,
            "SELECT tag, used, body FROM key_peers ORDER BY used",
            rs -> new Object[] {rs.getBytes(1), rs.getLong(2), rs.getBytes(3)});
    try {
      byte[] plainCore = key.rows().open(core, CORE_AD);
      for (Object[] r : rows) {
        peers.add(key.rows().open((byte[]) r[2], peerAd((byte[]) r[0])));
        used = Math.max(used, (Long) r[1]);
      }
      return KeyStoreContents.fromParts(plainCore, peers);
    } catch (CryptoException | IllegalArgumentException e) {
      throw new CorruptKeyStoreException("the account's keys are damaged", e);
    }
  }

  /** Writes what changed in {@code keys} since its last save (inside the open transaction). */
  void store(KeyStoreContents keys) throws SQLException {
    KeyStoreContents.Changes changes = keys.changes();
    if (changes.core() != null) {
      Sql.update(
          db,
          "INSERT OR REPLACE INTO key_core(id, body) VALUES (1, ?)",
          key.rows().seal(changes.core(), CORE_AD));
    }
    for (Map.Entry<String, byte[]> e : changes.peers().entrySet()) {
      byte[] tag = key.tag("peer", e.getKey());
      if (e.getValue() == null) {
        Sql.update(db, "DELETE FROM key_peers WHERE tag = ?", (Object) tag);
      } else {
        Sql.update(
            db,
            "INSERT OR REPLACE INTO key_peers(tag, used, body) VALUES (?, ?, ?)",
            tag,
            ++used,
            key.rows().seal(e.getValue(), peerAd(tag)));
      }
    }
  }

  private static byte[] peerAd(byte[] tag) {
    byte[] prefix = "key peer ".getBytes(StandardCharsets.US_ASCII);
    byte[] ad = new byte[prefix.length + tag.length];
    System.arraycopy(prefix, 0, ad, 0, prefix.length);
    System.arraycopy(tag, 0, ad, prefix.length, tag.length);
    return ad;
  }
}
