package dev.parley.client;

/**
 * A contact as the UI shows it.
 *
 * @param name username
 * @param online presence as the server last reported it
 * @param verified the user compared safety numbers and marked this contact verified
 */
public record Contact(String name, boolean online, boolean verified) {}
