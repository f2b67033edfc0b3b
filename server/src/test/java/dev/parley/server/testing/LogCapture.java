package dev.parley.server.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged under {@code dev.parley} (every level) while it is open, formatted as the
 * console shows it, for tests that check what reaches a log.
 */
public final class LogCapture implements AutoCloseable {
  // Held strongly: java.util.logging keeps loggers only weakly.
  private final Logger parley = Logger.getLogger("dev.parley");
  private final Level before = parley.getLevel();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
          lines.add(format.format(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Starts capturing; with {@code allLevels} also what is below the configured level. */
  public LogCapture(boolean allLevels) {
    handler.setLevel(Level.ALL);
    if (allLevels) {
      parley.setLevel(Level.ALL);
    }
    parley.addHandler(handler);
  }

  /** The lines captured so far. */
  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  @Override
  public void close() {
    parley.removeHandler(handler);
    parley.setLevel(before);
  }
}
