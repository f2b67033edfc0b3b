package dev.parley.server.store;

/** A delivery receipt waiting for the original sender. */
public record Receipt(long rid, String owner, String peer, String msgId, String status, long at) {}
