package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import java.util.List;

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
    try {
      FieldRules.exactBytes("identityDh", identityDh, Limits.KEY_BYTES);
      FieldRules.exactBytes("identitySign", identitySign, Limits.KEY_BYTES);
      FieldRules.required("signedPreKey", signedPreKey);
      FieldRules.maxElements(
          "oneTimePreKeys", oneTimePreKeys.size(), Limits.MAX_PREKEYS_PER_UPLOAD);
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }

  @Override
  public String type() {
    return FrameType.PUBLISH_KEYS;
  }
}
