package dev.parley.server.store;

import dev.parley.platform.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The receipts table: delivery receipts waiting for the original senders. */
public final class ReceiptStore {
  /** The status of a receipt recorded when the recipient acknowledged a message. */
  private static final String DELIVERED = "delivered";

  private final Database db;

  ReceiptStore(Database db) {
    this.db = db;
  }

  /** Records a {@code delivered} receipt for {@code sender} of its message to {@code recipient}. */
  static Receipt recordDelivered(
      Connection c, String sender, String recipient, String msgId, long now) throws SQLException {
    long rid =
        Sql.one(
            c,
            "INSERT INTO receipts(owner, peer, msg_id, status, at) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING rid",
            rs -> rs.getLong(1),
            sender,
            recipient,
            msgId,
            DELIVERED,
            now);
    return new Receipt(rid, sender, recipient, msgId, DELIVERED, now);
  }

  /** Up to {@code limit} receipts waiting for {@code owner} after {@code afterRid}. */
  public CompletableFuture<List<Receipt>> pendingReceipts(String owner, long afterRid, int limit) {
    return db.read(
        c ->
            Sql.list(
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
                limit));
  }

  /** Deletes a receipt its owner has seen. */
  public CompletableFuture<Void> acknowledgeReceipt(String owner, long rid) {
    return db.write(
        c -> {
          Sql.update(c, "DELETE FROM receipts WHERE owner = ? AND rid = ?", owner, rid);
          return null;
        });
  }
}
