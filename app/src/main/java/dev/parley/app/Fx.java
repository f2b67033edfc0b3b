package dev.parley.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import javafx.application.Platform;

/** Bridges the client core's futures and callbacks onto the JavaFX thread. */
public final class Fx {
  private Fx() {}

  /** Runs {@code r} on the FX thread (now if already there). */
  public static void run(Runnable r) {
    if (Platform.isFxApplicationThread()) {
      r.run();
    } else {
      Platform.runLater(r);
    }
  }

  /** Calls {@code then} on the FX thread with the result or the unwrapped failure. */
  public static <T> void whenDone(CompletableFuture<T> f, BiConsumer<T, Throwable> then) {
    f.whenComplete((v, e) -> run(() -> then.accept(v, unwrap(e))));
  }

  /** The cause a {@link CompletionException} wraps, or {@code e} itself. */
  public static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A sentence for a user from any failure. */
  public static String describe(Throwable e) {
    Throwable t = unwrap(e);
    String m = t.getMessage();
    return m == null || m.isBlank()
        ? "Something went wrong (" + t.getClass().getSimpleName() + ")."
        : m;
  }
}
