package dev.parley.server.store;

/** A user's prekey bundle as handed out; {@code oneTime} is null when none are left. */
public record Bundle(
    String user,
    byte[] identityDh,
    byte[] identitySign,
    int signedPreKeyId,
    byte[] signedPreKey,
    byte[] signedPreKeySignature,
    KeyUpload.OneTime oneTime,
    int remaining) {}
