package dev.parley.bench.load;

import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.DeliveryState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Relay through the client core on both ends: X3DH set-up, Double Ratchet per message, local
 * history in SQLite, acknowledgements and receipts, exactly as the desktop app does it. The text of
 * each message carries its sequence number and send time.
 */
final class EncryptedRelay implements AutoCloseable {
  // Key stores are sealed with few PBKDF2 iterations: unlocking is not what is measured here.
  private static final int KEY_STORE_ITERATIONS = 10_000;
  private static final int SETUP_IN_FLIGHT = 16;

  private final Target target;
  private final List<ParleyClient> clients = new ArrayList<>();
  private final List<SendWindow> senders = new ArrayList<>();
  private final List<DeliveryTracker> receivers = new ArrayList<>();

  private EncryptedRelay(Target target) {
    this.target = target;
  }

  /** Creates the pairs' accounts through the client core, sending nothing yet. */
  static EncryptedRelay prepare(Target target, RelaySettings s) {
    EncryptedRelay relay = new EncryptedRelay(target);
    String prefix = LoadUser.runPrefix();
    int n = 2 * s.pairs();
    String padding = "x".repeat(Math.max(0, s.size() - 32));
    Semaphore slots = new Semaphore(SETUP_IN_FLIGHT);
    List<CompletableFuture<?>> setUp = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String me = prefix + "-" + i;
      String partner = prefix + "-" + (i ^ 1);
      ParleyClient client =
          new ParleyClient(
              new ClientConfig(
                  target.scratch().resolve(me), KEY_STORE_ITERATIONS, Duration.ofSeconds(2)));
      relay.clients.add(client);
      client.trustServer(target.address(), target.fingerprint());
      DeliveryTracker tracker = new DeliveryTracker(sent -> true);
      relay.receivers.add(tracker);
      SendWindow window =
          new SendWindow(
              s.messages(),
              s.window(),
              seq -> client.send(partner, seq + " " + System.nanoTime() + " " + padding));
      relay.senders.add(window);
      Set<String> acked = ConcurrentHashMap.newKeySet();
      client.addListener(
          new ClientListener() {
            @Override
            public void messageAdded(ChatMessage m) {
              if (!m.outgoing() && m.kind() == ChatMessage.Kind.TEXT && m.peer().equals(partner)) {
                String[] parts = m.text().split(" ", 3);
                tracker.received(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
              }
            }

            @Override
            public void messageUpdated(ChatMessage m) {
              // The server acknowledged it when it first leaves SENDING. That is usually SENT,
              // but after a crash the receipt can overtake the resent message's ok, and the
              // message goes straight to DELIVERED.
              if (m.outgoing()
                  && m.kind() == ChatMessage.Kind.TEXT
                  && m.state() != DeliveryState.SENDING
                  && acked.add(m.msgId())) {
                window.acknowledged();
              }
            }
          });
      slots.acquireUninterruptibly();
      setUp.add(
          client
              .connect(target.address())
              .thenCompose(info -> client.register(me, LoadUser.PASSWORD.toCharArray()))
              .whenComplete((r, e) -> slots.release()));
    }
    CompletableFuture.allOf(setUp.toArray(CompletableFuture[]::new)).join();
    return relay;
  }

  /** Sends everything and reports once all acknowledged messages arrived. */
  RelayResult measure() throws InterruptedException {
    return RelayRun.measure("e2e", target, clients.size(), senders, receivers);
  }

  /** Messages that reached their recipients so far. */
  long delivered() {
    return receivers.stream().mapToLong(DeliveryTracker::delivered).sum();
  }

  @Override
  public void close() {
    clients.parallelStream().forEach(ParleyClient::close);
  }
}
