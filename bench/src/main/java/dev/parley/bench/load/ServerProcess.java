package dev.parley.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link BenchServer} in a child JVM with a temporary data directory, and its resource use. */
final class ServerProcess implements AutoCloseable {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final Process process;
  private final Path dataDir;
  private final int port;
  private final String fingerprint;
  private final boolean ownsDataDir;

  private ServerProcess(
      Process process, Path dataDir, int port, String fingerprint, boolean ownsDataDir) {
    this.process = process;
    this.dataDir = dataDir;
    this.port = port;
    this.fingerprint = fingerprint;
    this.ownsDataDir = ownsDataDir;
  }

  /** Starts a server on a fresh temporary data directory. */
  static ServerProcess start(ServerSettings settings) throws IOException {
    return start(settings, Files.createTempDirectory("parley-bench-"), true);
  }

  /** Starts a server on {@code dataDir} (kept afterwards unless {@code owns}). */
  static ServerProcess start(ServerSettings settings, Path dataDir, boolean owns)
      throws IOException {
    return start(settings, dataDir, owns, 0);
  }

  /** Starts a server on {@code dataDir} and {@code port} (0: any free one). */
  static ServerProcess start(ServerSettings settings, Path dataDir, boolean owns, int port)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    if (settings.cpus() != null) {
      cmd.addAll(List.of("taskset", "-c", settings.cpus()));
    }
    cmd.add(java);
    cmd.add("-Xmx" + settings.heap());
    cmd.addAll(settings.javaOptions());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchServer.class.getName());
    cmd.add(dataDir.toString());
    cmd.add(Integer.toString(settings.bcryptCost()));
    cmd.add(Integer.toString(settings.maxConnections()));
    cmd.add(Integer.toString(settings.requestsPerSecond()));
    cmd.add(Integer.toString(port));
    cmd.add(Integer.toString(settings.senderShare()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(BenchServer.READY + " ")) {
        String[] parts = line.split(" ");
        return new ServerProcess(p, dataDir, Integer.parseInt(parts[1]), parts[2], owns);
      }
    }
    p.destroyForcibly();
    throw new IOException("the bench server did not start (exit " + exitCode(p) + ")");
  }

  private static String exitCode(Process p) {
    try {
      return p.waitFor(10, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  int port() {
    return port;
  }

  String fingerprint() {
    return fingerprint;
  }

  long pid() {
    return process.pid();
  }

  Path dataDir() {
    return dataDir;
  }

  /** CPU time the server has used so far (all threads, user + system). */
  Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Resident set size of the server process, from /proc (Linux); -1 elsewhere. */
  long residentBytes() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Runs a full GC in the server (jcmd) and returns the Java heap in use afterwards, or -1. */
  long collectAndMeasureHeap() {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    try {
      run(jcmd, Long.toString(pid()), "GC.run");
      String info = run(jcmd, Long.toString(pid()), "GC.heap_info");
      Matcher m = HEAP_USED.matcher(info);
      return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  /** Kills the server at once, as a crash would. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
    if (ownsDataDir) {
      Scratch.delete(dataDir);
    }
  }
}
