package dev.parley.client.cli;

import java.io.PrintStream;

/**
 * Everything the terminal client prints goes through here, and everything printed here is made safe
 * first ({@link TerminalText}): no caller can pass a contact's or the server's text to the terminal
 * as it came.
 */
final class Screen {
  private final PrintStream out;
  private final PrintStream err;

  Screen(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** One line of output. */
  void say(String text) {
    out.println(TerminalText.line(text));
  }

  /** {@code head} (one line) followed by {@code body}, whose further lines are indented. */
  void message(String head, String body) {
    out.println(TerminalText.line(head) + TerminalText.block(body));
  }

  /** A warning in the conversation's flow ({@code ! text}). */
  void warn(String text) {
    out.println("! " + TerminalText.line(text));
  }

  /** An explanation on the error stream (before a question, or around an error). */
  void note(String text) {
    err.println(TerminalText.line(text));
  }

  /** An error on the error stream, as {@code parley-cli: text}. */
  void error(String text) {
    err.println("parley-cli: " + TerminalText.line(text));
  }
}
