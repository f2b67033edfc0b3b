package dev.parley.server.store;

/** An envelope waiting for its recipient's acknowledgement. */
public record QueuedMessage(
    long seq, String recipient, String sender, String msgId, byte[] envelope, long sentAt) {}
