package dev.parley.bench.load;

import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * What a relay run measured.
 *
 * @param mode "opaque" (server alone) or "e2e" (through the client core's encryption)
 * @param connections logged-in connections taking part
 * @param acknowledged messages the server acknowledged (durable)
 * @param delivered acknowledged messages that reached their recipient (once counted)
 * @param duplicated deliveries of a message already received
 * @param reordered messages that arrived after a later one from the same sender
 * @param refused sends the server refused for good
 * @param seconds from the first send to the last delivery
 * @param p50Millis median send-to-receive latency
 * @param p99Millis 99th percentile latency
 * @param maxMillis worst latency
 * @param warmUpSeconds the run's first seconds, whose messages' latencies were left out
 * @param serverCpuCores average cores the server process used (0 when it is not ours)
 * @param generatorCpuCores average cores this load generator used meanwhile
 */
record RelayResult(
    String mode,
    int connections,
    long acknowledged,
    long delivered,
    long duplicated,
    long reordered,
    long refused,
    double seconds,
    double p50Millis,
    double p99Millis,
    double maxMillis,
    double warmUpSeconds,
    double serverCpuCores,
    double generatorCpuCores) {

  /** Acknowledged messages that never arrived. */
  long lost() {
    return Math.max(0, acknowledged - delivered);
  }

  double messagesPerSecond() {
    return seconds > 0 ? delivered / seconds : 0;
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "relay %s: %d connections, %,d delivered (%d lost, %d duplicated, %d reordered, %d"
            + " refused) in %.2f s = %,.0f msgs/s; latency%s p50 %.2f ms, p99 %.2f ms, max %.2f"
            + " ms; CPU: server %.2f cores, generator %.2f cores",
        mode,
        connections,
        delivered,
        lost(),
        duplicated,
        reordered,
        refused,
        seconds,
        messagesPerSecond(),
        warmUpSeconds > 0
            ? String.format(
                Locale.ROOT, " (of messages sent after the first %.0f s)", warmUpSeconds)
            : "",
        p50Millis,
        p99Millis,
        maxMillis,
        serverCpuCores,
        generatorCpuCores);
  }

  JsonObject json() {
    JsonObject o = new JsonObject();
    o.addProperty("mode", "relay");
    o.addProperty("pipeline", mode);
    o.addProperty("connections", connections);
    o.addProperty("acknowledged", acknowledged);
    o.addProperty("delivered", delivered);
    o.addProperty("lost", lost());
    o.addProperty("duplicated", duplicated);
    o.addProperty("reordered", reordered);
    o.addProperty("refused", refused);
    o.addProperty("seconds", Report.round(seconds));
    o.addProperty("msgsPerSecond", Math.round(messagesPerSecond()));
    o.addProperty("p50Ms", Report.round(p50Millis));
    o.addProperty("p99Ms", Report.round(p99Millis));
    o.addProperty("maxMs", Report.round(maxMillis));
    o.addProperty("latencyAfterSeconds", Report.round(warmUpSeconds));
    o.addProperty("serverCpuCores", Report.round(serverCpuCores));
    o.addProperty("generatorCpuCores", Report.round(generatorCpuCores));
    return o;
  }
}
