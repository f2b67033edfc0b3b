package dev.parley.client.cli;

import dev.parley.platform.PrivateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps log records (the client core's, Netty's, jmDNS's: all go through java.util.logging) off the
 * terminal, where they would mix with the conversation, and writes them to {@value #FILE} in the
 * data folder instead, private to the user, at most {@value #MAX_BYTES} bytes in each of {@value
 * #GENERATIONS} files.
 */
final class CliLogging {
  /** The current log file's name in the data folder ({@code parley-cli.1.log} is the older). */
  static final String FILE = "parley-cli.0.log";

  private static final String PATTERN = "parley-cli.%g.log";

  private static final int MAX_BYTES = 1 << 20;
  private static final int GENERATIONS = 2;

  private CliLogging() {}

  /** Removes every handler, the JVM's console handler included: nothing is logged anywhere. */
  static void silenceTerminal() {
    LogManager.getLogManager().reset();
    Logger.getLogger("").setLevel(Level.INFO);
  }

  /**
   * Logs INFO and above to {@value #FILE} in {@code dataDir}, and nothing to the terminal. Without
   * a writable folder, records are dropped: the terminal stays clean either way.
   */
  static void toFile(Path dataDir) {
    silenceTerminal();
    try {
      PrivateFiles.directory(dataDir);
      for (int g = 0; g < GENERATIONS; g++) {
        PrivateFiles.file(dataDir.resolve(PATTERN.replace("%g", Integer.toString(g))));
      }
      String folder = dataDir.toAbsolutePath().toString().replace("%", "%%");
      Handler file =
          new FileHandler(folder + java.io.File.separator + PATTERN, MAX_BYTES, GENERATIONS, true);
      file.setFormatter(new OneLine());
      file.setLevel(Level.INFO);
      Logger.getLogger("").addHandler(file);
    } catch (IOException | RuntimeException e) {
      // No log file: records are dropped rather than shown on the terminal.
    }
  }

  /** One line per record (plus a stack trace), control characters made visible. */
  static final class OneLine extends Formatter {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord r) {
      StringBuilder out =
          new StringBuilder()
              .append(TIME.format(Instant.ofEpochMilli(r.getMillis())))
              .append(' ')
              .append(r.getLevel().getName())
              .append(' ')
              .append(r.getLoggerName())
              .append(": ")
              .append(TerminalText.line(String.valueOf(formatMessage(r))))
              .append(System.lineSeparator());
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        out.append(TerminalText.block(trace.toString().strip())).append(System.lineSeparator());
      }
      return out.toString();
    }
  }
}
