package dev.parley.client.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ClientListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every listener hears every event, in the order they were added, whatever another one does. */
class ClientEventsTest {
  private final ClientEvents events = new ClientEvents();
  private final List<String> heard = new ArrayList<>();

  private ClientListener recorder(String name) {
    return new ClientListener() {
      @Override
      public void problem(String message) {
        heard.add(name + ":" + message);
      }
    };
  }

  @Test
  void listenersHearEventsInOrderOfAdding() {
    events.add(recorder("a"));
    events.add(recorder("b"));

    events.fire(l -> l.problem("one"));
    events.fire(l -> l.problem("two"));

    assertThat(heard).containsExactly("a:one", "b:one", "a:two", "b:two");
  }

  @Test
  void aFailingListenerDoesNotKeepTheOthersFromHearing() {
    events.add(
        new ClientListener() {
          @Override
          public void problem(String message) {
            throw new IllegalStateException("broken UI");
          }
        });
    events.add(recorder("b"));

    events.fire(l -> l.problem("one"));

    assertThat(heard).containsExactly("b:one");
  }

  @Test
  void aRemovedListenerHearsNothingMore() {
    ClientListener a = recorder("a");
    events.add(a);
    events.add(recorder("b"));
    events.fire(l -> l.problem("one"));

    events.remove(a);
    events.fire(l -> l.problem("two"));

    assertThat(heard).containsExactly("a:one", "b:one", "b:two");
  }

  @Test
  void aListenerMayRemoveItselfWhileHearing() {
    ClientListener[] self = new ClientListener[1];
    self[0] =
        new ClientListener() {
          @Override
          public void problem(String message) {
            heard.add("once:" + message);
            events.remove(self[0]);
          }
        };
    events.add(self[0]);
    events.add(recorder("b"));

    events.fire(l -> l.problem("one"));
    events.fire(l -> l.problem("two"));

    assertThat(heard).containsExactly("once:one", "b:one", "b:two");
  }
}
