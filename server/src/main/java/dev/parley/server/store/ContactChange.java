package dev.parley.server.store;

/**
 * The outcome of adding a contact.
 *
 * @param contact the contact as now listed
 * @param becameMutual true when this addition completed a mutual pair (it was not one before)
 */
public record ContactChange(Contact contact, boolean becameMutual) {}
