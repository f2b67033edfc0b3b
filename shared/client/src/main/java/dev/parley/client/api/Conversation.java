package dev.parley.client.api;

/**
 * A conversation summary for a contacts list.
 *
 * @param peer the contact
 * @param lastMessage the newest entry, or null when there is none yet
 * @param unread incoming messages not yet read
 */
public record Conversation(String peer, ChatMessage lastMessage, int unread) {}
