package dev.parley.client.discovery;

import java.util.List;

/**
 * A server announced on the LAN.
 *
 * @param instance the DNS-SD instance name (unique on the LAN)
 * @param name the display name from TXT {@code name}
 * @param hosts its addresses
 * @param port its port
 * @param fingerprint the announced certificate fingerprint, or null when missing or malformed
 * @param version the announced protocol version, or 0 when unknown
 */
public record LanServer(
    String instance, String name, List<String> hosts, int port, String fingerprint, int version) {}
