package dev.parley.server.store;

import dev.parley.platform.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The receipts table: delivery receipts waiting for the original senders. Every method runs on the
 * database writer thread, inside work the relay queued there; the relay decides what is stored.
 */
public final class ReceiptStore {
  /** The status of a receipt recorded when the recipient acknowledged a message. */
  public static final String DELIVERED = "delivered";

  ReceiptStore() {}

  /** Stores {@code receipts} under their own ids. */
  public void store(Connection c, List<Receipt> receipts) throws SQLException {
    List<Object[]> rows = new ArrayList<>(receipts.size());
    for (Receipt r : receipts) {
      rows.add(new Object[] {r.rid(), r.owner(), r.peer(), r.msgId(), r.status(), r.at()});
    }
    Sql.insertRows(
        c,
        "INSERT INTO receipts(rid, owner, peer, msg_id, status, at)",
        6,
        " ON CONFLICT DO NOTHING",
        rows);
  }

  /** Up to {@code limit} stored receipts for {@code owner} after {@code afterRid}. */
  public List<Receipt> stored(Connection c, String owner, long afterRid, int limit)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT rid, peer, msg_id, status, at FROM receipts "
            + "WHERE owner = ? AND rid > ? ORDER BY rid LIMIT ?",
        rs ->
            new Receipt(
                rs.getLong(1),
                owner,
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5)),
        owner,
        afterRid,
        limit);
  }

  /** Deletes a stored receipt its owner has seen; true when there was one. */
  public boolean remove(Connection c, String owner, long rid) throws SQLException {
    return Sql.update(c, "DELETE FROM receipts WHERE owner = ? AND rid = ?", owner, rid) > 0;
  }

  /** The highest receipt id stored (0 when none). */
  public long lastRid(Connection c) throws SQLException {
    return Sql.one(c, "SELECT COALESCE(MAX(rid), 0) FROM receipts", rs -> rs.getLong(1));
  }
}
