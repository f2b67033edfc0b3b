package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Uploads the identity keys, the signed prekey and one-time prekeys.
 *
 * @param id request id
 * @param identityDh the X25519 identity key, 32 bytes; not copied
 * @param identitySign the Ed25519 identity key, 32 bytes; not copied
 * @param signedPreKey the signed prekey
 * @param oneTimePreKeys at most {@link Limits#MAX_PREKEYS_PER_UPLOAD} one-time prekeys (null is
 *     none)
 */
public record PublishKeysRequest(
    String id,
    byte[] identityDh,
    byte[] identitySign,
    SignedPreKey signedPreKey,
    List<OneTimePreKey> oneTimePreKeys)
    implements Request {
  /** Checks the fields in wire order. */
  public PublishKeysRequest {
    id = Checks.id(id);
    oneTimePreKeys = oneTimePreKeys == null ? List.of() : List.copyOf(oneTimePreKeys);
    var givenOneTimePreKeys = oneTimePreKeys;
    Checks.check(
        () -> {
          FieldRules.exactBytes("identityDh", identityDh, Limits.KEY_BYTES);
          FieldRules.exactBytes("identitySign", identitySign, Limits.KEY_BYTES);
          FieldRules.required("signedPreKey", signedPreKey);
          FieldRules.maxElements(
              "oneTimePreKeys", givenOneTimePreKeys.size(), Limits.MAX_PREKEYS_PER_UPLOAD);
        });
  }

  @Override
  public String type() {
    return FrameType.PUBLISH_KEYS;
  }

  /** Equal when every field is, the bytes compared by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof PublishKeysRequest o
        && Objects.equals(id, o.id)
        && Arrays.equals(identityDh, o.identityDh)
        && Arrays.equals(identitySign, o.identitySign)
        && Objects.equals(signedPreKey, o.signedPreKey)
        && Objects.equals(oneTimePreKeys, o.oneTimePreKeys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        Arrays.hashCode(identityDh),
        Arrays.hashCode(identitySign),
        signedPreKey,
        oneTimePreKeys);
  }

  /** The fields, with the length of each byte array rather than its contents. */
  @Override
  public String toString() {
    return "PublishKeysRequest[id="
        + id
        + ", identityDh="
        + identityDh.length
        + " bytes, identitySign="
        + identitySign.length
        + " bytes, signedPreKey="
        + signedPreKey
        + ", oneTimePreKeys="
        + oneTimePreKeys
        + "]";
  }
}
