package dev.parley.crypto;

/**
 * A peer's identity key differed from the one on record, and the new one is now on record (the
 * key-change flow): the verified mark is gone and, if the old key was verified, sending is held
 * until the user accepts the new safety number. The caller must tell the user.
 *
 * @param peer whose identity changed
 * @param previous the identity on record before
 * @param current the identity now on record
 * @param wasVerified the previous identity had been verified
 * @param sendingHeld messages to the peer are held until the user accepts the change
 */
public record IdentityChange(
    String peer,
    IdentityPublicKey previous,
    IdentityPublicKey current,
    boolean wasVerified,
    boolean sendingHeld) {}
