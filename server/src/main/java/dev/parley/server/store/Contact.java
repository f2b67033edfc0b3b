package dev.parley.server.store;

/**
 * One entry of a user's contact list.
 *
 * @param user the contact's username
 * @param mutual true when the contact has the owner in its list too (only then is presence shared)
 */
public record Contact(String user, boolean mutual) {}
