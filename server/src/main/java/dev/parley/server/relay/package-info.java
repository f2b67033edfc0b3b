/** The relay: send, ack, receipts and typing; the events that stream a user's offline queue. */
package dev.parley.server.relay;
