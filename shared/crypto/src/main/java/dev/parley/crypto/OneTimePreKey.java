package dev.parley.crypto;

/** A single-use X25519 prekey; the server hands each public half out once. */
public record OneTimePreKey(int id, KeyPairBytes key) {}
