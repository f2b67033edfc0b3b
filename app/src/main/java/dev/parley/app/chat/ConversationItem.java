package dev.parley.app.chat;

/**
 * One row of the contacts list.
 *
 * @param peer the contact
 * @param online presence
 * @param verified safety number verified
 * @param unread unread incoming messages
 * @param preview last message text (may be empty)
 * @param lastAt time of the last message, 0 if none
 * @param listed this user added the contact (not only received messages from them)
 * @param mutual the contact added this user too, so their presence is known
 */
public record ConversationItem(
    String peer,
    boolean online,
    boolean verified,
    int unread,
    String preview,
    long lastAt,
    boolean listed,
    boolean mutual) {}
