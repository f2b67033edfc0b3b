package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.api.ServerAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client with a data folder and a recording listener, for integration tests. */
final class TestUser implements AutoCloseable {
  static final String PASSWORD = "Passw0rdOK";
  static final Duration WAIT = Duration.ofSeconds(20);

  final String name;
  final Path dir;
  final ParleyClient client;
  final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

  record Presence(String who, boolean online) {}

  record Typing(String who) {}

  record IdentityChanged(String who) {}

  record Updated(ChatMessage message) {}

  record Problem(String text) {}

  TestUser(String name, Path dir) {
    this.name = name;
    this.dir = dir;
    this.client = new ParleyClient(new ClientConfig(dir, 1_000, Duration.ofMillis(500)));
    client.addListener(
        new ClientListener() {
          @Override
          public void connectionChanged(ConnectionState state) {
            events.add(state);
          }

          @Override
          public void messageAdded(ChatMessage message) {
            events.add(message);
          }

          @Override
          public void messageUpdated(ChatMessage message) {
            events.add(new Updated(message));
          }

          @Override
          public void presenceChanged(String contact, boolean online) {
            events.add(new Presence(contact, online));
          }

          @Override
          public void typing(String contact) {
            events.add(new Typing(contact));
          }

          @Override
          public void identityChanged(String contact) {
            events.add(new IdentityChanged(contact));
          }

          @Override
          public void problem(String text) {
            events.add(new Problem(text));
          }
        });
  }

  static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  TestUser connect(int port, String fingerprint) {
    ServerAddress a = new ServerAddress("127.0.0.1", port);
    client.trustServer(a, fingerprint);
    await(client.connect(a));
    return this;
  }

  TestUser register() {
    await(client.register(name, PASSWORD.toCharArray()));
    return this;
  }

  /** Logs in and waits until the session is online (the login itself completes before). */
  TestUser login() {
    await(client.login(name, PASSWORD.toCharArray()));
    awaitOnline();
    return this;
  }

  /** Waits until the client is {@link ConnectionState#ONLINE}. */
  void awaitOnline() {
    await(client.whenOnline());
    assertThat(client.state()).isEqualTo(ConnectionState.ONLINE);
  }

  @SuppressWarnings("unchecked")
  <T> T next(Class<T> type, Predicate<T> p) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        Object e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError(name + ": no " + type.getSimpleName() + " event in time");
        }
        if (type.isInstance(e) && p.test((T) e)) {
          return (T) e;
        }
      }
    } catch (InterruptedException ex) {
      throw new AssertionError(ex);
    }
  }

  /** The next incoming text message. */
  ChatMessage received() {
    return next(ChatMessage.class, m -> !m.outgoing() && m.kind() == ChatMessage.Kind.TEXT);
  }

  /** Waits until the outgoing message {@code msgId} reaches {@code state}. */
  void awaitState(String msgId, DeliveryState state) {
    next(Updated.class, u -> u.message().msgId().equals(msgId) && u.message().state() == state);
  }

  List<ChatMessage> history(String peer) {
    return await(client.history(peer, 1000, Long.MAX_VALUE));
  }

  ChatMessage send(String peer, String text) {
    ChatMessage m = await(client.send(peer, text));
    assertThat(m.state()).isEqualTo(DeliveryState.SENDING);
    return m;
  }

  @Override
  public void close() {
    client.close();
  }
}
