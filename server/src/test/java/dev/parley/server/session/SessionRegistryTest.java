package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.KeysLowEvent;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One session per user, and deliveries that reach only the current one. */
class SessionRegistryTest {
  /** A connection that records what reaches it. */
  private static final class Recorder implements Endpoint {
    final List<Object> got = new ArrayList<>();
    boolean replaced;

    @Override
    public void sendEvent(Event event, boolean droppable) {
      got.add(event);
    }

    @Override
    public void deliver(QueuedMessage m) {
      got.add(m);
    }

    @Override
    public void deliver(Receipt r) {
      got.add(r);
    }

    @Override
    public void replaced() {
      replaced = true;
    }
  }

  private final SessionRegistry registry = new SessionRegistry();

  @Test
  void aNewLoginReplacesTheOldSessionWhoseLogoutThenChangesNothing() {
    List<Integer> counts = new ArrayList<>();
    registry.onCountChanged(counts::add);
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    assertThat(registry.login("alice", first)).isEmpty();
    assertThat(registry.login("alice", first)).isEmpty(); // the same connection again
    assertThat(registry.login("alice", second)).containsSame(first);
    assertThat(registry.logout("alice", first)).isFalse();
    assertThat(registry.isOnline("alice")).isTrue();
    assertThat(registry.logout("alice", second)).isTrue();
    assertThat(registry.isOnline("alice")).isFalse();
    assertThat(registry.onlineCount()).isZero();
    assertThat(counts).containsExactly(1, 1, 1, 0);
  }

  @Test
  void deliveriesReachTheCurrentSessionOfTheirUserOnly() {
    Recorder alice = new Recorder();
    Recorder bob = new Recorder();
    registry.login("alice", alice);
    registry.login("bob", bob);
    QueuedMessage m = new QueuedMessage(1, "bob", "alice", "m1", new byte[] {1}, 5);
    Receipt r = new Receipt(7, "alice", "bob", "m1", "delivered", 6);
    KeysLowEvent low = new KeysLowEvent(3);
    registry.message(m);
    registry.receipt(r);
    registry.event("alice", low, false);
    registry.event("carol", low, false); // offline: nobody hears it
    assertThat(bob.got).containsExactly(m);
    assertThat(alice.got).containsExactly(r, low);
  }
}
