package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley-cli} as its own process, started through {@code main} as a user starts it (with the
 * real key derivation): what reaches the terminal, and the exit codes scripts see.
 */
class CliProcessTest {
  @TempDir Path dir;
  ParleyServer server;
  final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir.resolve("server"));
  }

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
    server.close();
  }

  /** A running CLI whose output lines are collected as they come. */
  private final class Cli {
    final Process process;
    final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    final StringBuilder err = new StringBuilder();
    final OutputStream in;

    Cli(String... args) throws Exception {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(ParleyCli.class.getName());
      cmd.addAll(
          List.of(
              "--server",
              "127.0.0.1:" + server.port(),
              "--data-dir",
              dir.resolve("cli").toString()));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("PARLEY_PASSWORD", CliRun.PASSWORD);
      process = pb.start();
      processes.add(process);
      in = process.getOutputStream();
      pump(new BufferedReader(new InputStreamReader(process.getInputStream(), UTF8)), out::add);
      pump(
          new BufferedReader(new InputStreamReader(process.getErrorStream(), UTF8)),
          line -> {
            synchronized (err) {
              err.append(line).append('\n');
            }
          });
    }

    private void pump(BufferedReader r, java.util.function.Consumer<String> sink) {
      Thread t =
          new Thread(
              () -> {
                try {
                  for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                  }
                } catch (java.io.IOException ended) {
                  // the process ended
                }
              });
      t.setDaemon(true);
      t.start();
    }

    String awaitLine(String containing) throws InterruptedException {
      long deadline = System.nanoTime() + CliRun.WAIT.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left <= 0 ? null : out.poll(left, TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("no line with '" + containing + "'; errors: " + err());
        }
        if (line.contains(containing)) {
          return line;
        }
      }
    }

    void type(String line) throws Exception {
      in.write((line + "\n").getBytes(UTF8));
      in.flush();
    }

    int exitCode() throws Exception {
      in.close();
      // Generous: a send that hangs is caught by the assertions on what it printed.
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exited").isTrue();
      return process.exitValue();
    }

    String err() {
      synchronized (err) {
        return err.toString();
      }
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Test
  void logRecordsNeverReachTheTerminalButTheLogFileInTheDataFolder() throws Exception {
    Cli alice =
        new Cli("--user", "alice", "--register", "--accept-fingerprint", server.fingerprint());
    alice.awaitLine("Logged in as alice");
    // A hostile user sends junk: the client core logs it (INFO) and shows a notice.
    try (RawPeer mallory = new RawPeer(server.port())) {
      mallory.register("mallory").sendJunk("alice", "junk-1");
      alice.awaitLine("could not be decrypted");
    }
    alice.type("/quit");
    assertThat(alice.exitCode()).isZero();
    assertThat(alice.err()).as("nothing but the CLI's own words on the terminal").isEmpty();
    assertThat(Files.readString(dir.resolve("cli").resolve(CliLogging.FILE), UTF8))
        .contains("undecryptable message: ");
  }

  @Test
  void aSendThatCanNeverGoEndsWithAClearErrorAndANonZeroExit() throws Exception {
    Cli register =
        new Cli("--user", "alice", "--register", "--accept-fingerprint", server.fingerprint());
    register.awaitLine("Logged in as alice");
    register.type("/quit");
    assertThat(register.exitCode()).isZero();
    try (RawPeer bob = new RawPeer(server.port())) {
      bob.register("bob").publishKeysWithABadSignature();
      Cli send = new Cli("--user", "alice", "--send", "bob", "hi");
      assertThat(send.exitCode()).isEqualTo(ParleyCli.FAILED);
      assertThat(send.err())
          .contains("The keys bob published are invalid")
          .contains("The message to bob was not sent.");
    }
  }
}
