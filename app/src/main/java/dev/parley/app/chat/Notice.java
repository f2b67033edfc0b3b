package dev.parley.app.chat;

/**
 * A message worth telling the user about.
 *
 * @param peer who wrote it
 * @param text what they wrote
 */
public record Notice(String peer, String text) {}
