package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The round robin behind the hashing pool, level by level, and whom a full queue gives way to. */
class FairQueueTest {

  private static List<String> all(FairQueue<String> q) {
    List<String> out = new ArrayList<>();
    String s;
    while ((s = q.poll()) != null) {
      out.add(s);
    }
    return out;
  }

  @Test
  void eachKeyWithWorkGetsOneTurnPerRoundAtEveryLevel() {
    FairQueue<String> q = new FairQueue<>(3);
    for (int i = 1; i <= 3; i++) {
      q.add(List.of("n1", "a1", "u1"), "a1-" + i);
    }
    q.add(List.of("n1", "a2", "u1"), "a2");
    q.add(List.of("n2", "a3", "u1"), "n2");
    assertThat(q.size()).isEqualTo(5);
    // n1 and n2 take turns; inside n1, a1 and a2 take turns.
    assertThat(all(q)).containsExactly("a1-1", "n2", "a2", "a1-2", "a1-3");
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void accountsOfOneAddressTakeTurnsToo() {
    FairQueue<String> q = new FairQueue<>(3);
    for (int i = 1; i <= 3; i++) {
      q.add(List.of("n", "a", "mallory"), "m" + i);
    }
    q.add(List.of("n", "a", "alice"), "alice");
    assertThat(all(q)).containsExactly("m1", "alice", "m2", "m3");
  }

  @Test
  void aNewKeyWaitsForOneTurnOfEachKeyAlreadyWaitingNotForTheirWork() {
    FairQueue<String> q = new FairQueue<>(2);
    for (int i = 0; i < 100; i++) {
      q.add(List.of("flood", "a"), "f" + i);
    }
    q.add(List.of("other", "b"), "victim");
    assertThat(q.poll()).isEqualTo("f0");
    assertThat(q.poll()).isEqualTo("victim");
  }

  @Test
  void aFullQueueDropsTheNewestOfTheLargestGroupForAnyoneSmaller() {
    FairQueue<String> q = new FairQueue<>(3);
    q.add(List.of("n1", "a1", "u1"), "old");
    q.add(List.of("n1", "a1", "u2"), "u2-1");
    q.add(List.of("n1", "a1", "u2"), "u2-2");
    q.add(List.of("n2", "a2", "u3"), "n2");
    // Another network: n1 (3) is larger than n2 (1), so n1 gives way, from its largest account.
    assertThat(q.dropFor(List.of("n2", "a2", "u9"))).isEqualTo("u2-2");
    assertThat(q.size()).isEqualTo(3);
    // Inside n1 (now 2, as large as n2): an account of n1 other than the largest one, u1 (1) is
    // as large as u2 (1): nobody gives way to it.
    assertThat(q.dropFor(List.of("n1", "a1", "u1"))).isNull();
    // A newcomer from the largest group itself is the one refused.
    q.add(List.of("n1", "a1", "u2"), "u2-3");
    assertThat(q.dropFor(List.of("n1", "a1", "u2"))).isNull();
    // A brand new network is smaller than any: the largest (n1, 3) gives way.
    assertThat(q.dropFor(List.of("n3", "a", "u"))).isEqualTo("u2-3");
    assertThat(all(q)).containsExactlyInAnyOrder("old", "u2-1", "n2");
  }

  @Test
  void anEmptiedGroupLeavesTheRotation() {
    FairQueue<String> q = new FairQueue<>(1);
    q.add(List.of("a"), "a1");
    q.add(List.of("a"), "a2");
    q.add(List.of("b"), "b1");
    assertThat(q.dropFor(List.of("c"))).isEqualTo("a2");
    String second = q.dropFor(List.of("c")); // a and b tie at 1: either gives way
    assertThat(second).isIn("a1", "b1");
    assertThat(all(q)).containsExactly(second.equals("a1") ? "b1" : "a1");
    q.add(List.of("a"), "a3");
    q.add(List.of("b"), "b3");
    assertThat(all(q)).containsExactlyInAnyOrder("a3", "b3");
  }
}
