package dev.parley.bench.load;

/**
 * How the generator starts its own server.
 *
 * @param bcryptCost password hashing cost (account set-up is not what most modes measure)
 * @param maxConnections the server's connection limit
 * @param requestsPerSecond per-connection request rate limit
 * @param heap the server JVM's -Xmx
 * @param javaOptions more options for the server JVM (e.g. to record a JFR profile)
 */
record ServerSettings(
    int bcryptCost,
    int maxConnections,
    int requestsPerSecond,
    String heap,
    java.util.List<String> javaOptions) {}
