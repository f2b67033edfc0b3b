package dev.parley.server.store;

import dev.parley.protocol.frame.OneTimePreKey;
import dev.parley.protocol.frame.SignedPreKey;
import java.util.List;

/** Public keys a user publishes; the server only checks their sizes. */
public record KeyUpload(
    byte[] identityDh,
    byte[] identitySign,
    SignedPreKey signedPreKey,
    List<OneTimePreKey> oneTimePreKeys) {}
