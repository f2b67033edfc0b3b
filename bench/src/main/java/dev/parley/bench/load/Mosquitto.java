package dev.parley.bench.load;

import dev.parley.server.tls.ServerIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker in a child process on loopback, with a TLS 1.3 listener on a fresh self-signed
 * certificate, for the side-by-side with Parley ({@code mqtt} mode). Its settings are the package's
 * defaults except what the workload needs: anonymous clients, in-flight window and queue sizes that
 * do not throttle 64 messages in flight per client.
 */
final class Mosquitto implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  private Mosquitto(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts {@code binary} (on {@code cpus}, a taskset list, when not null). */
  static Mosquitto start(String binary, String cpus, int maxConnections) throws IOException {
    Path dir = Files.createTempDirectory("parley-bench-mqtt-");
    ServerIdentity.loadOrCreate(dir, "mosquitto bench");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "user root",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "max_inflight_messages 64",
            "max_queued_messages 100000",
            "listener " + port + " 127.0.0.1",
            "max_connections " + maxConnections,
            "allow_anonymous true",
            "tls_version tlsv1.3",
            "certfile " + dir.resolve(ServerIdentity.CERT_FILE),
            "keyfile " + dir.resolve(ServerIdentity.KEY_FILE),
            ""));
    List<String> cmd = new ArrayList<>();
    if (cpus != null) {
      cmd.addAll(List.of("taskset", "-c", cpus));
    }
    cmd.addAll(List.of(binary, "-c", conf.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new Mosquitto(p, dir, port);
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          break;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    p.destroyForcibly();
    throw new IOException(
        "mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.log")));
  }

  int port() {
    return port;
  }

  /** CPU the broker has used so far. */
  Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    Scratch.delete(dir);
  }
}
