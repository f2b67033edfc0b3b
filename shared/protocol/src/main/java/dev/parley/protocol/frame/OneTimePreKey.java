package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

/**
 * A one-time prekey as published and handed out in bundles.
 *
 * @param id its id, {@code 0 … 2^31-1}
 * @param key the X25519 public key, 32 bytes; not copied
 */
public record OneTimePreKey(int id, byte[] key) {
  /** Checks the fields in wire order. */
  public OneTimePreKey {
    try {
      FieldRules.range("id", id, 0, Limits.MAX_PREKEY_ID);
      FieldRules.exactBytes("key", key, Limits.KEY_BYTES);
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }
}
