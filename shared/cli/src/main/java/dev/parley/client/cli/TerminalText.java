package dev.parley.client.cli;

/**
 * Makes text from outside (contacts' messages and names, notices, and the server's error messages)
 * safe to print on a terminal. A terminal obeys control characters: ESC starts sequences that move
 * the cursor, erase lines or set the window title, CR and backspace overwrite what is shown, and
 * bidi overrides make text read in another order than it is stored. So none of them reaches the
 * terminal as such; each is shown visibly instead:
 *
 * <ul>
 *   <li>C0 controls and DEL in caret notation, as {@code cat -v} shows them ({@code ESC} is {@code
 *       ^[}, {@code BEL} {@code ^G}, {@code CR} {@code ^M}, {@code DEL} {@code ^?});
 *   <li>C1 controls (U+0080–U+009F, which some terminals obey too) and bidi embeddings, overrides
 *       and isolates (U+202A–U+202E, U+2066–U+2069) as {@code <U+XXXX>};
 *   <li>line breaks, in {@link #line} as {@code ⏎}; in {@link #block} they start a continuation
 *       line indented with {@value #CONTINUATION}, so a message can never look like a line of its
 *       own.
 * </ul>
 *
 * Tabs are kept: they only move the cursor forward and cannot hide or fake anything.
 */
public final class TerminalText {
  /** What each continuation line of a multi-line text starts with. */
  public static final String CONTINUATION = "  | ";

  /** How a line break inside a one-line text is shown. */
  static final String LINE_BREAK = "⏎";

  private TerminalText() {}

  /** {@code text} as one safe line: every control character and line break made visible. */
  public static String line(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    appendLine(out, text, 0, text.length(), true);
    return out.toString();
  }

  /**
   * {@code text} as safe lines: control characters made visible, and every line after the first
   * starting with {@value #CONTINUATION}. Print it after a prefix such as {@code "bob: "}.
   */
  public static String block(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      int breakLength = lineBreakAt(text, i);
      if (breakLength == 0) {
        i++;
        continue;
      }
      appendLine(out, text, start, i, false);
      out.append(System.lineSeparator()).append(CONTINUATION);
      i += breakLength;
      start = i;
    }
    appendLine(out, text, start, text.length(), false);
    return out.toString();
  }

  /** {@code text} cut to at most {@code max} code points (an ellipsis marks the cut), then safe. */
  public static String shortLine(String text, int max) {
    int points = text.codePointCount(0, text.length());
    if (points <= max) {
      return line(text);
    }
    int end = text.offsetByCodePoints(0, Math.max(0, max - 1));
    return line(text.substring(0, end)) + "…";
  }

  /** Length of the line break starting at {@code i} (CR LF counts as one), or 0. */
  private static int lineBreakAt(String s, int i) {
    char c = s.charAt(i);
    if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
      return 2;
    }
    return c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085' ? 1 : 0;
  }

  private static void appendLine(
      StringBuilder out, String s, int from, int to, boolean breaksVisible) {
    int i = from;
    while (i < to) {
      int breakLength = breaksVisible ? lineBreakAt(s, i) : 0;
      if (breakLength > 0) {
        out.append(LINE_BREAK);
        i += breakLength;
        continue;
      }
      char c = s.charAt(i);
      if (c == '\t') {
        out.append(c);
      } else if (c < 0x20) {
        out.append('^').append((char) (c + 0x40));
      } else if (c == 0x7F) {
        out.append("^?");
      } else if (c >= 0x80 && c <= 0x9F || isBidiControl(c)) {
        out.append(String.format("<U+%04X>", (int) c));
      } else {
        out.append(c);
      }
      i++;
    }
  }

  /** Bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
  private static boolean isBidiControl(char c) {
    return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
  }
}
