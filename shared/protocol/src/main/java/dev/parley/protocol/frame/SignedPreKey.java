package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.Limits;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed prekey as published and handed out in bundles.
 *
 * @param id its id, {@code 0 … 2^31-1}
 * @param key the X25519 public key, 32 bytes; not copied
 * @param signature its Ed25519 signature, 64 bytes; not copied
 */
public record SignedPreKey(int id, byte[] key, byte[] signature) {
  /** Checks the fields in wire order. */
  public SignedPreKey {
    Checks.check(
        () -> {
          FieldRules.range("id", id, 0, Limits.MAX_PREKEY_ID);
          FieldRules.exactBytes("key", key, Limits.KEY_BYTES);
          FieldRules.exactBytes("signature", signature, Limits.SIGNATURE_BYTES);
        });
  }

  /** Equal when every field is, the bytes compared by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SignedPreKey o
        && id == o.id
        && Arrays.equals(key, o.key)
        && Arrays.equals(signature, o.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, Arrays.hashCode(key), Arrays.hashCode(signature));
  }

  /** The fields, with the length of each byte array rather than its contents. */
  @Override
  public String toString() {
    return "SignedPreKey[id="
        + id
        + ", key="
        + key.length
        + " bytes, signature="
        + signature.length
        + " bytes]";
  }
}
