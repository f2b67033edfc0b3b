/**
 * Sessions: which connection each user is on, how services reach it (Deliveries), what a request
 * handler may do with its connection (Caller), hello, and mutual presence.
 */
package dev.parley.server.session;
