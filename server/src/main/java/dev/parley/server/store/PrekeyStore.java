package dev.parley.server.store;

import dev.parley.platform.sql.Sql;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.OneTimePreKey;
import dev.parley.protocol.frame.SignedPreKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** The identities and one-time prekeys tables: the prekey directory's data. */
public final class PrekeyStore {
  private final Database db;
  private final KeysLowNotices notices;
  private final CacheGuard guard;

  PrekeyStore(Database db, KeysLowNotices notices, CacheGuard guard) {
    this.db = db;
    this.notices = notices;
    this.guard = guard;
  }

  /** A user's published identity and signed prekey. */
  private record Identity(byte[] dh, byte[] sign, SignedPreKey signedPreKey) {}

  /**
   * Stores published keys; a new identity replaces the old one and all its prekeys. A count that
   * reaches {@link Limits#KEYS_LOW_THRESHOLD} re-arms the {@code keys_low} notice.
   */
  public CompletableFuture<Integer> publishKeys(String user, KeyUpload keys, long now) {
    return db.write(
        c -> {
          boolean sameIdentity =
              Sql.first(
                      c,
                      "SELECT dh, sign FROM identities WHERE user = ?",
                      rs ->
                          Arrays.equals(rs.getBytes(1), keys.identityDh())
                              && Arrays.equals(rs.getBytes(2), keys.identitySign()),
                      user)
                  .orElse(false);
          if (!sameIdentity) {
            Sql.update(c, "DELETE FROM prekeys WHERE user = ?", user);
          }
          Sql.update(
              c,
              "INSERT INTO identities(user, dh, sign, spk_id, spk, spk_sig, updated_at) "
                  + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(user) DO UPDATE SET "
                  + "dh = excluded.dh, sign = excluded.sign, spk_id = excluded.spk_id, "
                  + "spk = excluded.spk, spk_sig = excluded.spk_sig, "
                  + "updated_at = excluded.updated_at",
              user,
              keys.identityDh(),
              keys.identitySign(),
              keys.signedPreKey().id(),
              keys.signedPreKey().key(),
              keys.signedPreKey().signature(),
              now);
          Sql.batch(
              c,
              "INSERT INTO prekeys(user, id, key) VALUES (?, ?, ?) "
                  + "ON CONFLICT(user, id) DO UPDATE SET key = excluded.key",
              keys.oneTimePreKeys().stream()
                  .map(k -> new Object[] {user, k.id(), k.key()})
                  .toList());
          int count = count(c, user);
          if (count > Limits.MAX_STORED_PREKEYS) {
            throw new ProtocolException(
                ErrorCode.BAD_REQUEST,
                "at most " + Limits.MAX_STORED_PREKEYS + " one-time prekeys are kept");
          }
          if (count >= Limits.KEYS_LOW_THRESHOLD) {
            notices.rearm(user);
          }
          return count;
        });
  }

  /**
   * For a login: the one-time prekeys left when {@code user} should be sent {@code keys_low} now
   * (fewer than {@link Limits#KEYS_LOW_THRESHOLD}, and not told since its count last reached it),
   * else -1. A non-negative answer counts as told.
   */
  public CompletableFuture<Integer> claimKeysLowNotice(String user) {
    return db.write(
        c -> {
          if (!Sql.exists(c, "SELECT 1 FROM identities WHERE user = ?", user)) {
            return -1;
          }
          int count = count(c, user);
          return count < Limits.KEYS_LOW_THRESHOLD && notices.tell(user) ? count : -1;
        });
  }

  /** Unused one-time prekeys the server holds for {@code user}. */
  public CompletableFuture<Integer> prekeyCount(String user) {
    return db.read(c -> count(c, user));
  }

  private static int count(Connection c, String user) throws SQLException {
    return Sql.one(c, "SELECT COUNT(*) FROM prekeys WHERE user = ?", rs -> rs.getInt(1), user);
  }

  /**
   * Hands out {@code user}'s bundle. It carries (and uses up) the lowest one-time prekey when one
   * is left and {@code mayHandOutOneTime} agrees for {@code user} (asked only then, on the writer
   * thread). The bundle's {@code lowNotice} is set when fewer than {@link
   * Limits#KEYS_LOW_THRESHOLD} are left, the owner was not told since its count last reached that,
   * and {@code ownerReachable} says it can be told now; it then counts as told, so a flood of
   * fetches makes one notice per refill, not one per fetch.
   */
  public CompletableFuture<Bundle> fetchBundle(
      String user, Predicate<String> mayHandOutOneTime, Predicate<String> ownerReachable) {
    return guard.guard(
        db.write(
            c -> {
              AccountStore.requireUser(c, user);
              Identity id =
                  Sql.first(
                          c,
                          "SELECT dh, sign, spk_id, spk, spk_sig FROM identities WHERE user = ?",
                          rs ->
                              new Identity(
                                  rs.getBytes(1),
                                  rs.getBytes(2),
                                  new SignedPreKey(rs.getInt(3), rs.getBytes(4), rs.getBytes(5))),
                          user)
                      .orElseThrow(
                          () ->
                              new ProtocolException(
                                  ErrorCode.NO_KEYS, user + " has not published keys yet."));
              int remaining = count(c, user);
              OneTimePreKey oneTime = null;
              if (remaining > 0 && mayHandOutOneTime.test(user)) {
                oneTime =
                    Sql.one(
                        c,
                        "DELETE FROM prekeys WHERE rowid = "
                            + "(SELECT rowid FROM prekeys WHERE user = ? ORDER BY id LIMIT 1) "
                            + "RETURNING id, key",
                        rs -> new OneTimePreKey(rs.getInt(1), rs.getBytes(2)),
                        user);
                remaining--;
              }
              boolean notice =
                  remaining < Limits.KEYS_LOW_THRESHOLD
                      && !notices.told(user)
                      && ownerReachable.test(user);
              if (notice) {
                notices.tell(user);
              }
              return new Bundle(
                  user, id.dh(), id.sign(), id.signedPreKey(), oneTime, remaining, notice);
            }));
  }
}
