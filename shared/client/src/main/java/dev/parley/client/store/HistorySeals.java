package dev.parley.client.store;

import dev.parley.crypto.AccountKey;
import dev.parley.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How the history's rows hide what they hold: a peer is named by its keyed tag, and a peer's name
 * and a message's text are sealed under the account key, each bound to its row (the tag, and for a
 * text its id and direction), so a sealed value moved to another row does not open.
 */
final class HistorySeals {
  private final AccountKey key;

  HistorySeals(AccountKey key) {
    this.key = key;
  }

  /** The tag that stands for {@code peer} in the rows. */
  byte[] tag(String peer) {
    return key.tag("peer", peer);
  }

  /** {@code peer}'s name sealed for the peers row of {@code tag}. */
  byte[] sealName(byte[] tag, String peer) {
    return key.rows().seal(peer.getBytes(StandardCharsets.UTF_8), nameAd(tag));
  }

  /** The name sealed in the peers row of {@code tag}. */
  String openName(byte[] tag, byte[] sealed) throws CryptoException {
    return new String(key.rows().open(sealed, nameAd(tag)), StandardCharsets.UTF_8);
  }

  /** {@code text} sealed for the message row (tag, msgId, direction). */
  byte[] sealText(byte[] tag, String msgId, boolean outgoing, String text) {
    return key.rows().seal(text.getBytes(StandardCharsets.UTF_8), textAd(tag, msgId, outgoing));
  }

  /** The text of a message row, or a notice that it is damaged. */
  String openText(byte[] tag, String msgId, boolean outgoing, byte[] body) {
    try {
      return new String(
          key.rows().open(body, textAd(tag, msgId, outgoing)), StandardCharsets.UTF_8);
    } catch (CryptoException e) {
      return "(this message is damaged on disk)";
    }
  }

  private static byte[] nameAd(byte[] tag) {
    return concat("peer name ".getBytes(StandardCharsets.US_ASCII), tag);
  }

  private static byte[] textAd(byte[] tag, String msgId, boolean outgoing) {
    return concat(
        concat("msg ".getBytes(StandardCharsets.US_ASCII), tag),
        ("\u0000" + msgId + "\u0000" + (outgoing ? "out" : "in")).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
