package dev.parley.app;

import java.util.Optional;

/**
 * Recognises JavaFX failing to start on Linux because GTK 3 is missing ("Unable to load glass GTK
 * library") and says, in one line, what to install. Without it the person sees only a Java stack
 * trace.
 */
final class GtkHint {
  /** The line printed instead of the stack trace. */
  static final String HINT =
      "Parley needs GTK 3: sudo apt install libgtk-3-0 (or your distribution's GTK 3 package)";

  /** What JavaFX's glass toolkit says when it cannot load libgtk. */
  private static final String GLASS_GTK_FAILURE = "Unable to load glass GTK library";

  private GtkHint() {}

  /** The hint when {@code failure} (or one of its causes) is the missing-GTK failure. */
  static Optional<String> forFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(GLASS_GTK_FAILURE)) {
        return Optional.of(HINT);
      }
    }
    return Optional.empty();
  }
}
