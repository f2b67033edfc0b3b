package dev.parley.client;

/**
 * The server the client is connected to.
 *
 * @param address where it is
 * @param name the name it announces
 * @param fingerprint its verified certificate fingerprint
 */
public record ServerInfo(ServerAddress address, String name, String fingerprint) {}
