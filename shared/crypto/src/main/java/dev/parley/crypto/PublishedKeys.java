package dev.parley.crypto;

import java.util.List;

/** The public keys a device uploads: identity, current signed prekey and fresh one-time prekeys. */
public record PublishedKeys(
    IdentityPublicKey identity,
    int signedPreKeyId,
    byte[] signedPreKey,
    byte[] signedPreKeySignature,
    List<OneTimePublic> oneTimePreKeys) {

  /** One one-time prekey's public half and id. */
  public record OneTimePublic(int id, byte[] key) {}

  /** Copies the list. */
  public PublishedKeys {
    oneTimePreKeys = List.copyOf(oneTimePreKeys);
  }
}
