package dev.parley.crypto;

/**
 * A successfully decrypted envelope.
 *
 * @param plaintext the message bytes
 * @param senderIdentity the identity the session with the sender was agreed with
 * @param newSession true when this envelope started (or restarted) the session
 */
public record Decrypted(byte[] plaintext, IdentityPublicKey senderIdentity, boolean newSession) {}
