package dev.parley.server.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** One line per event on standard output: time, level, message (and a cause's summary). */
final class LogSetup {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private LogSetup() {}

  static void toStdout() {
    Logger root = Logger.getLogger("");
    for (var h : root.getHandlers()) {
      if (h instanceof ConsoleHandler) {
        root.removeHandler(h);
      }
    }
    StreamHandler out =
        new StreamHandler(System.out, new OneLine()) {
          @Override
          public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
          }
        };
    out.setLevel(Level.INFO);
    root.addHandler(out);
    root.setLevel(Level.INFO);
    Logger.getLogger("io.netty").setLevel(Level.WARNING);
  }

  private static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord r) {
      String msg = formatMessage(r);
      if (r.getThrown() != null) {
        msg += " (" + r.getThrown() + ")";
      }
      return TIME.format(LocalDateTime.now()) + " " + r.getLevel().getName() + " " + msg + "\n";
    }
  }
}
