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
 */
public record ConversationItem(
    String peer, boolean online, boolean verified, int unread, String preview, long lastAt) {}
