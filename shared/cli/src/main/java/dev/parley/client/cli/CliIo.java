package dev.parley.client.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the terminal client talks through: commands in, output and errors out, the terminal it may
 * ask questions on (absent when there is none, as under a script or CI), and the environment. The
 * real one is the process's; tests pass their own.
 *
 * @param in commands, one per line (interactive mode), and answers to questions asked there
 * @param out what the user asked for
 * @param err errors and warnings
 * @param terminal where to ask before there is a session (fingerprint, password); empty if none
 * @param env the environment ({@code PARLEY_PASSWORD})
 */
public record CliIo(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Optional<Terminal> terminal,
    Function<String, String> env) {

  /** A terminal a person answers on. */
  public interface Terminal {
    /** Shows {@code prompt} and returns the answer line, or null at end of input. */
    String readLine(String prompt);

    /** Shows {@code prompt} and reads a password without echo, or null at end of input. */
    char[] readPassword(String prompt);
  }

  /** The process's streams, its console if it has one, and its environment. */
  public static CliIo system() {
    Console console = System.console();
    Optional<Terminal> terminal =
        console == null
            ? Optional.empty()
            : Optional.of(
                new Terminal() {
                  @Override
                  public String readLine(String prompt) {
                    return console.readLine("%s", prompt);
                  }

                  @Override
                  public char[] readPassword(String prompt) {
                    return console.readPassword("%s", prompt);
                  }
                });
    return new CliIo(System.in, System.out, System.err, terminal, System::getenv);
  }
}
