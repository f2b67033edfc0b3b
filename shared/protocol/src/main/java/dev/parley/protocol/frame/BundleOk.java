package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

/**
 * The {@code ok} to a {@code fetch_bundle}: the user's prekey bundle.
 *
 * @param re the request's id
 * @param user the bundle's owner, canonical
 * @param identityDh the X25519 identity key, 32 bytes; not copied
 * @param identitySign the Ed25519 identity key, 32 bytes; not copied
 * @param signedPreKey the signed prekey
 * @param oneTimePreKey a one-time prekey, or null when none is handed out
 */
public record BundleOk(
    String re,
    String user,
    byte[] identityDh,
    byte[] identitySign,
    SignedPreKey signedPreKey,
    OneTimePreKey oneTimePreKey)
    implements Answer {
  /** Checks the fields in wire order. */
  public BundleOk {
    re = Checks.id(re);
    try {
      FieldRules.serverUser("user", user);
      FieldRules.exactBytes("identityDh", identityDh, Limits.KEY_BYTES);
      FieldRules.exactBytes("identitySign", identitySign, Limits.KEY_BYTES);
      FieldRules.required("signedPreKey", signedPreKey);
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }

  @Override
  public String type() {
    return FrameType.OK;
  }
}
