package dev.parley.server.store;

import java.util.List;

/** Public keys a user publishes; the server only checks their sizes. */
public record KeyUpload(
    byte[] identityDh,
    byte[] identitySign,
    int signedPreKeyId,
    byte[] signedPreKey,
    byte[] signedPreKeySignature,
    List<OneTime> oneTimePreKeys) {

  /** A one-time prekey's id and public key. */
  public record OneTime(int id, byte[] key) {}
}
