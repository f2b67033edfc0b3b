package dev.parley.bench.load;

import dev.parley.client.ParleyClient;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ServerInfo;
import dev.parley.protocol.AuthKey;
import java.util.concurrent.CompletableFuture;

/**
 * One account driven through the real client core ({@link ParleyClient}) in its own data folder, as
 * the desktop app drives it. The folder outlives the client: {@link #open} starts a fresh one on
 * it, as a restarted app would.
 */
final class CoreUser implements AutoCloseable {
  final String name;
  private final Target target;
  private final ClientConfig config;
  private ParleyClient client;

  /** The account {@code name} on {@code target}, its files where {@code config} says. */
  CoreUser(Target target, String name, ClientConfig config) {
    this.target = target;
    this.name = name;
    this.config = config;
  }

  /** Closes the current client, if any, and starts a fresh one that tells {@code listener}. */
  ParleyClient open(ClientListener listener) {
    close();
    client = new ParleyClient(config);
    client.trustServer(target.address(), target.fingerprint());
    client.addListener(listener);
    return client;
  }

  /** The client {@link #open} started last. */
  ParleyClient client() {
    return client;
  }

  /** Connects and creates the account (which logs in). */
  CompletableFuture<Void> register() {
    return connect().thenCompose(info -> client.register(name, LoadUser.PASSWORD.toCharArray()));
  }

  /** Connects to the server (no login yet). */
  CompletableFuture<ServerInfo> connect() {
    return client.connect(target.address());
  }

  /** Logs in on the connection {@link #connect} opened. */
  CompletableFuture<Void> login() {
    return client.login(name, LoadUser.PASSWORD.toCharArray());
  }

  /** The credential the client core sends for this account, for a raw {@link LoadUser} login. */
  String authKey() {
    return AuthKey.derive(name, LoadUser.PASSWORD.toCharArray(), config.authKeyIterations());
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
