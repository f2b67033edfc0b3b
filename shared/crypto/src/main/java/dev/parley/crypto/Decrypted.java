package dev.parley.crypto;

/**
 * A successfully decrypted envelope.
 *
 * @param plaintext the message bytes
 * @param senderIdentity the identity the session with the sender was agreed with
 * @param newSession true when this envelope started (or restarted) the session
 * @param identityChange the key change this envelope caused, or null when the sender's identity is
 *     the one on record (or was seen for the first time)
 */
public record Decrypted(
    byte[] plaintext,
    IdentityPublicKey senderIdentity,
    boolean newSession,
    IdentityChange identityChange) {}
