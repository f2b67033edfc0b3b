package dev.parley.client.api;

/**
 * A contact as the UI shows it.
 *
 * @param name username
 * @param online presence as the server last reported it
 * @param verified the user compared safety numbers and marked this contact verified
 * @param safetyNumberChanged the verified contact's key changed: messages to them wait until the
 *     user accepts or verifies the new safety number
 * @param mutual the contact has this user as a contact too; presence is shared only then
 * @param listed this user added the contact on the server (not only received a message from them)
 */
public record Contact(
    String name,
    boolean online,
    boolean verified,
    boolean safetyNumberChanged,
    boolean mutual,
    boolean listed) {}
