/** Contact lists: adding, removing and listing contacts, and what that changes in presence. */
package dev.parley.server.contacts;
