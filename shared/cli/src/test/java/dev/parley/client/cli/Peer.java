package dev.parley.client.cli;

import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ServerAddress;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Another user, on the real client core (as the desktop app would be), for the CLI to talk to. */
final class Peer implements AutoCloseable {
  final String name;
  final ParleyClient client;
  private final BlockingQueue<ChatMessage> received = new LinkedBlockingQueue<>();

  Peer(String name, Path dir, int port, String fingerprint) {
    this.name = name;
    this.client = new ParleyClient(CliRun.config(dir));
    client.addListener(
        new ClientListener() {
          @Override
          public void messageAdded(ChatMessage m) {
            if (!m.outgoing() && m.kind() == ChatMessage.Kind.TEXT) {
              received.add(m);
            }
          }
        });
    ServerAddress a = new ServerAddress("127.0.0.1", port);
    client.trustServer(a, fingerprint);
    await(client.connect(a));
  }

  static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(CliRun.WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  Peer register() {
    await(client.register(name, CliRun.PASSWORD.toCharArray()));
    return this;
  }

  /** Logs in and waits until the session is online (the login itself completes before). */
  Peer login() {
    await(client.login(name, CliRun.PASSWORD.toCharArray()));
    await(client.whenOnline());
    return this;
  }

  /** Sends and waits until the server stored it. */
  void send(String to, String text) {
    ChatMessage m = await(client.send(to, text));
    long deadline = System.nanoTime() + CliRun.WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean stored =
          await(client.history(to, 100, Long.MAX_VALUE)).stream()
              .anyMatch(h -> h.msgId().equals(m.msgId()) && h.state() != m.state());
      if (stored) {
        return;
      }
      sleep(50);
    }
    throw new AssertionError(name + ": the server did not store the message to " + to);
  }

  /** The next text message this user receives. */
  ChatMessage received() {
    try {
      ChatMessage m = received.poll(CliRun.WAIT.toSeconds(), TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError(name + " received nothing in time");
      }
      return m;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** True when nothing arrives within {@code millis} (only to show something stays held). */
  boolean receivesNothingFor(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS) == null;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
