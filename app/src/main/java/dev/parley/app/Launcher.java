package dev.parley.app;

import javafx.application.Application;

/**
 * Main class of the desktop jar. It does not extend {@link Application} so that JavaFX loaded from
 * the class path (one double-clickable jar) starts without the module-path check.
 */
public final class Launcher {
  private Launcher() {}

  /** Starts the desktop app; without GTK 3 on Linux, says in one line what to install. */
  public static void main(String[] args) {
    try {
      Application.launch(ParleyApp.class, args);
    } catch (RuntimeException | Error e) {
      java.util.Optional<String> hint = GtkHint.forFailure(e);
      if (hint.isEmpty()) {
        throw e;
      }
      System.err.println(hint.get());
      System.exit(1);
    }
  }
}
