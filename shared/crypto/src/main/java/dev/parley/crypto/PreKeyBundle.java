package dev.parley.crypto;

import java.util.Arrays;

/**
 * What a user publishes so others can start a session while they are offline: identity keys, the
 * current signed prekey and, while the server has any left, one one-time prekey.
 */
public record PreKeyBundle(
    IdentityPublicKey identity,
    int signedPreKeyId,
    byte[] signedPreKey,
    byte[] signedPreKeySignature,
    Integer oneTimePreKeyId,
    byte[] oneTimePreKey) {

  /** Checks sizes; the one-time prekey id and key are both present or both absent. */
  public PreKeyBundle {
    signedPreKey = Bytes.requireLength(signedPreKey, 32, "signed prekey").clone();
    signedPreKeySignature =
        Bytes.requireLength(signedPreKeySignature, 64, "signed prekey signature").clone();
    if ((oneTimePreKeyId == null) != (oneTimePreKey == null)) {
      throw new IllegalArgumentException("one-time prekey id and key go together");
    }
    if (oneTimePreKey != null) {
      oneTimePreKey = Bytes.requireLength(oneTimePreKey, 32, "one-time prekey").clone();
    }
  }

  /** Verifies the signed prekey's signature against the identity's signing key. */
  public void verify() throws InvalidBundleException {
    if (!Ed25519.verify(identity.sign(), signedPreKey, signedPreKeySignature)) {
      throw new InvalidBundleException("the signed prekey's signature does not verify");
    }
  }

  @Override
  public byte[] signedPreKey() {
    return signedPreKey.clone();
  }

  @Override
  public byte[] signedPreKeySignature() {
    return signedPreKeySignature.clone();
  }

  @Override
  public byte[] oneTimePreKey() {
    return oneTimePreKey == null ? null : oneTimePreKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreKeyBundle b
        && identity.equals(b.identity)
        && signedPreKeyId == b.signedPreKeyId
        && Arrays.equals(signedPreKey, b.signedPreKey)
        && Arrays.equals(signedPreKeySignature, b.signedPreKeySignature)
        && java.util.Objects.equals(oneTimePreKeyId, b.oneTimePreKeyId)
        && Arrays.equals(oneTimePreKey, b.oneTimePreKey);
  }

  @Override
  public int hashCode() {
    return identity.hashCode() * 31 + signedPreKeyId;
  }
}
