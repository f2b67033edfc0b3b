package dev.parley.app;

import javafx.application.Application;

/**
 * Main class of the desktop jar. It does not extend {@link Application} so that JavaFX loaded from
 * the class path (one double-clickable jar) starts without the module-path check.
 */
public final class Launcher {
  private Launcher() {}

  /** Starts the desktop app. */
  public static void main(String[] args) {
    Application.launch(ParleyApp.class, args);
  }
}
