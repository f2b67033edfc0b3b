package dev.parley.client.cli;

import java.util.List;

/** The CLI stops: {@link #lines()} tell the user why, {@link #exitCode()} tells a script. */
final class CliFailure extends Exception {
  private final int exitCode;
  private final List<String> lines;

  /**
   * A failure with exit code {@code exitCode} (see {@link ParleyCli}) explained by {@code lines}.
   */
  CliFailure(int exitCode, String... lines) {
    super(String.join(" ", lines));
    this.exitCode = exitCode;
    this.lines = List.of(lines);
  }

  /** The process's exit code. */
  int exitCode() {
    return exitCode;
  }

  /** What to print, one line each (made safe when printed). */
  List<String> lines() {
    return lines;
  }
}
