package dev.parley.client.cli;

import dev.parley.client.api.ClientConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One run of the terminal client in this JVM, as a person or a script would start it: its commands
 * are typed into a pipe, its output and errors captured, and its terminal (if it has one) answers
 * from a script and records what it was asked.
 */
final class CliRun implements AutoCloseable {
  static final String PASSWORD = "Passw0rdOK";
  static final Duration WAIT = Duration.ofSeconds(30);

  /** Fast key derivation for tests; every client of an account must use the same. */
  static ClientConfig config(Path dir) {
    return new ClientConfig(dir, 1_000, Duration.ofMillis(500));
  }

  private final Capture out = new Capture();
  private final Capture err = new Capture();
  private final PipedOutputStream typing = new PipedOutputStream();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Future<Integer> exit;
  final ScriptedTerminal terminal;

  private CliRun(ScriptedTerminal terminal, Map<String, String> env, String... args)
      throws IOException {
    this.terminal = terminal;
    PipedInputStream in = new PipedInputStream(typing, 1 << 16);
    CliIo io =
        new CliIo(
            in,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Optional.ofNullable(terminal),
            env::get);
    exit = thread.submit(() -> ParleyCli.run(io, CliRun::config, false, args));
  }

  /** A run without a terminal (a script), with PARLEY_PASSWORD set. */
  static CliRun script(String... args) throws IOException {
    return new CliRun(null, Map.of("PARLEY_PASSWORD", PASSWORD), args);
  }

  /** A run on a terminal that answers {@code answers} in turn (the password is asked there). */
  static CliRun onTerminal(List<String> answers, String... args) throws IOException {
    return new CliRun(new ScriptedTerminal(answers), Map.of(), args);
  }

  /** Types one line. */
  CliRun type(String line) throws IOException {
    typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    typing.flush();
    return this;
  }

  /** Waits until the output so far satisfies {@code p}; returns it. */
  String awaitOut(Predicate<String> p) {
    return out.await(p, this);
  }

  /** Waits until the output contains {@code text}. */
  String awaitOut(String text) {
    return awaitOut(s -> s.contains(text));
  }

  /** Waits for the exit code (ending the input first). */
  int exitCode() throws Exception {
    typing.close();
    return exit.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
  }

  String out() {
    return out.text();
  }

  String err() {
    return err.text();
  }

  @Override
  public void close() throws IOException {
    typing.close();
    try {
      exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      // reported by the test's own assertions
    }
    thread.shutdownNow();
  }

  /** A thread-safe growing text. */
  private static final class Capture extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      notifyAll();
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized String await(Predicate<String> p, CliRun run) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!p.test(text())) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || run.exit.isDone() && !p.test(text())) {
          throw new AssertionError(
              "not printed in time; output:\n" + text() + "\nerrors:\n" + run.err());
        }
        try {
          wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 200_000_000L))));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      return text();
    }
  }

  /** A terminal that answers from a script and records its prompts. */
  static final class ScriptedTerminal implements CliIo.Terminal {
    final List<String> prompts = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();

    ScriptedTerminal(List<String> answers) {
      this.answers.addAll(answers);
    }

    @Override
    public String readLine(String prompt) {
      prompts.add(prompt);
      return answers.poll();
    }

    @Override
    public char[] readPassword(String prompt) {
      prompts.add(prompt);
      return PASSWORD.toCharArray();
    }
  }
}
