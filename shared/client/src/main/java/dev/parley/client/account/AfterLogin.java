package dev.parley.client.account;

import java.util.concurrent.CompletableFuture;

/** What follows every accepted login, first or after a reconnect, until the client is online. */
@FunctionalInterface
public interface AfterLogin {
  /** Brings the logged-in session online; runs on the client thread. */
  CompletableFuture<Void> start();
}
