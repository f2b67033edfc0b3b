package dev.parley.server.store;

import dev.parley.protocol.frame.OneTimePreKey;
import dev.parley.protocol.frame.SignedPreKey;

/**
 * A user's prekey bundle as handed out; {@code oneTime} is null when none was handed out.
 *
 * @param remaining one-time prekeys the server still holds for the user
 * @param lowNotice true when the owner should be sent {@code keys_low} now (and was counted as
 *     told: see {@link PrekeyStore#fetchBundle})
 */
public record Bundle(
    String user,
    byte[] identityDh,
    byte[] identitySign,
    SignedPreKey signedPreKey,
    OneTimePreKey oneTime,
    int remaining,
    boolean lowNotice) {}
