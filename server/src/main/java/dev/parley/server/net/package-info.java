/**
 * The network side: the TLS listener and its pipeline, one handler per connection with its output,
 * back-pressure and session streams, and the router that hands requests to the services.
 */
package dev.parley.server.net;
