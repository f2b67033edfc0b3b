package dev.parley.bench.load;

import dev.parley.protocol.Limits;

/**
 * How the generator starts its own server.
 *
 * @param bcryptCost password hashing cost (account set-up is not what most modes measure)
 * @param maxConnections the server's connection limit
 * @param requestsPerSecond per-connection request rate limit
 * @param heap the server JVM's -Xmx
 * @param javaOptions more options for the server JVM (e.g. to record a JFR profile)
 * @param senderShare most undelivered messages one sender may queue for one recipient
 * @param cpus the CPUs the server runs on ({@code taskset -c} list), or null for any
 */
record ServerSettings(
    int bcryptCost,
    int maxConnections,
    int requestsPerSecond,
    String heap,
    java.util.List<String> javaOptions,
    int senderShare,
    String cpus) {

  /** Settings with the product's sender share of a recipient's queue. */
  ServerSettings(
      int bcryptCost,
      int maxConnections,
      int requestsPerSecond,
      String heap,
      java.util.List<String> javaOptions) {
    this(
        bcryptCost,
        maxConnections,
        requestsPerSecond,
        heap,
        javaOptions,
        Limits.DEFAULT_SENDER_SHARE_MESSAGES,
        null);
  }
}
