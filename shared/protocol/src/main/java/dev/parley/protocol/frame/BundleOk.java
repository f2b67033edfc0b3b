package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import java.util.Arrays;
import java.util.Objects;

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
    Checks.check(
        () -> {
          FieldRules.serverUser("user", user);
          FieldRules.exactBytes("identityDh", identityDh, Limits.KEY_BYTES);
          FieldRules.exactBytes("identitySign", identitySign, Limits.KEY_BYTES);
          FieldRules.required("signedPreKey", signedPreKey);
        });
  }

  @Override
  public String type() {
    return FrameType.OK;
  }

  /** Equal when every field is, the bytes compared by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof BundleOk o
        && Objects.equals(re, o.re)
        && Objects.equals(user, o.user)
        && Arrays.equals(identityDh, o.identityDh)
        && Arrays.equals(identitySign, o.identitySign)
        && Objects.equals(signedPreKey, o.signedPreKey)
        && Objects.equals(oneTimePreKey, o.oneTimePreKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        re,
        user,
        Arrays.hashCode(identityDh),
        Arrays.hashCode(identitySign),
        signedPreKey,
        oneTimePreKey);
  }

  /** The fields, with the length of each byte array rather than its contents. */
  @Override
  public String toString() {
    return "BundleOk[re="
        + re
        + ", user="
        + user
        + ", identityDh="
        + identityDh.length
        + " bytes, identitySign="
        + identitySign.length
        + " bytes, signedPreKey="
        + signedPreKey
        + ", oneTimePreKey="
        + oneTimePreKey
        + "]";
  }
}
