package dev.parley.platform;

import java.util.concurrent.CompletionException;

/** Small helpers for future chains, on either side. */
public final class Futures {
  private Futures() {}

  /** The failure a {@link CompletionException} wraps, or {@code e} itself. */
  public static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
