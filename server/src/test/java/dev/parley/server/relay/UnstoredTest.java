package dev.parley.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * When held items are written: items that waited their window are gathered, so a steady trickle
 * costs one commit per gathering, not one per item (at 10,000 msgs/s the writer spent most of its
 * time committing a few rows at a time).
 */
class UnstoredTest {
  private static final long GATHER = 50;
  private static final int ALL = Integer.MAX_VALUE;

  private static final class Held extends Unstored.Item {
    final long key;
    final String owner;

    Held(long key, long dueNanos) {
      this(key, dueNanos, "ben");
    }

    Held(long key, long dueNanos, String owner) {
      super(dueNanos);
      this.key = key;
      this.owner = owner;
    }

    @Override
    String owner() {
      return owner;
    }

    @Override
    long key() {
      return key;
    }
  }

  private static Unstored<Held> trickle() {
    Unstored<Held> u = new Unstored<>();
    for (int i = 0; i < 4; i++) {
      u.add(new Held(i, 100 + 10 * i), false); // due at 100, 110, 120, 130
    }
    return u;
  }

  @Test
  void itemsThatWaitedTheirWindowAreWrittenTogetherOnceTheOldestIsOverdueByTheGathering() {
    Unstored<Held> u = trickle();
    assertThat(u.nextDueNanos(GATHER)).isEqualTo(150);
    assertThat(u.takeDue(100, 0, GATHER, ALL)).isEmpty(); // one item due: it waits for others
    assertThat(u.takeDue(149, 0, GATHER, ALL)).isEmpty();
    assertThat(u.takeDue(150, 0, GATHER, ALL))
        .extracting(h -> h.key)
        .containsExactly(0L, 1L, 2L, 3L);
    assertThat(u.size()).isZero();
    assertThat(u.nextDueNanos(GATHER)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void anUrgentItemGoesAtOnceAndTakesWhatIsDueAlong() {
    Unstored<Held> u = trickle();
    u.add(new Held(9, 105), true);
    assertThat(u.nextDueNanos(GATHER)).isEqualTo(105);
    assertThat(u.takeDue(115, 0, GATHER, ALL)).extracting(h -> h.key).containsExactly(9L, 0L, 1L);
    assertThat(u.nextDueNanos(GATHER)).isEqualTo(170);
  }

  @Test
  void theLastBatchAndAFullHoldTakeEverythingTheyAskFor() {
    Unstored<Held> u = trickle();
    assertThat(u.takeDue(101, 2, GATHER, ALL)).extracting(h -> h.key).containsExactly(0L, 1L);
    assertThat(u.takeDue(Long.MAX_VALUE, 0, GATHER, ALL))
        .extracting(h -> h.key)
        .containsExactly(2L, 3L);
  }

  @Test
  void aSettledItemLeavesTheWindowAndIsWrittenWithTheGatheringFromWhenItSettled() {
    Unstored<Held> u = trickle();
    Held third = u.of("ben").get(2);
    u.settle(third, 20);
    assertThat(u.of("ben")).extracting(h -> h.key).containsExactly(0L, 1L, 3L);
    assertThat(u.size()).isEqualTo(4);
    // Due from 20, not from its window's end at 120: taken alone once the gathering is over.
    assertThat(u.nextDueNanos(GATHER)).isEqualTo(70);
    assertThat(u.takeDue(69, 0, GATHER, ALL)).isEmpty();
    assertThat(u.takeDue(70, 0, GATHER, ALL)).extracting(h -> h.key).containsExactly(2L);
    assertThat(u.takeDue(150, 0, GATHER, ALL)).extracting(h -> h.key).containsExactly(0L, 1L, 3L);
  }

  @Test
  void aDroppedItemIsNeverTaken() {
    Unstored<Held> u = trickle();
    u.drop(u.of("ben").get(0));
    assertThat(u.size()).isEqualTo(3);
    assertThat(u.nextDueNanos(GATHER)).isEqualTo(160);
    assertThat(u.takeDue(Long.MAX_VALUE, 0, GATHER, ALL))
        .extracting(h -> h.key)
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void itemsPutBackAfterAFailedWriteKeepTheirLinesAndComeFirst() {
    Unstored<Held> u = trickle();
    u.settle(u.of("ben").get(1), 5);
    List<Held> taken = u.takeDue(125, 0, GATHER, ALL);
    assertThat(taken).extracting(h -> h.key).containsExactly(1L, 0L, 2L);
    taken.get(0).settled = true;
    u.restore(taken, h -> !h.settled);
    assertThat(u.size()).isEqualTo(4);
    assertThat(u.of("ben")).extracting(h -> h.key).containsExactly(0L, 2L, 3L);
    assertThat(u.takeDue(Long.MAX_VALUE, 0, GATHER, ALL))
        .extracting(h -> h.key)
        .containsExactly(1L, 0L, 2L, 3L);
  }

  @Test
  void noCommitTakesMoreThanItsMostButTheLastBatchTakesEverything() {
    Unstored<Held> u = trickle();
    u.add(new Held(9, 105), true);
    assertThat(u.takeDue(200, 0, GATHER, 2)).extracting(h -> h.key).containsExactly(9L, 0L);
    // What is left waits like anything else: once the oldest of it is a gathering overdue.
    assertThat(u.nextDueNanos(GATHER)).isEqualTo(160);
    assertThat(u.takeDue(200, 0, GATHER, 0)).isEmpty();
    assertThat(u.takeDue(Long.MAX_VALUE, 0, GATHER, 1))
        .extracting(h -> h.key)
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void aFullHoldTakesTheOldestEvenBeforeTheyAreDue() {
    Unstored<Held> u = trickle();
    assertThat(u.takeDue(0, 3, GATHER, 3)).extracting(h -> h.key).containsExactly(0L, 1L, 2L);
    assertThat(u.size()).isEqualTo(1);
  }

  @Test
  void eachOwnersViewStaysInKeyOrderThroughEveryChange() {
    // A model (a sorted map per owner) against the items' own lines, over random changes that
    // include writes that fail and put their items back, so keys rejoin out of order.
    Random random = new Random(16);
    Unstored<Held> u = new Unstored<>();
    Map<String, TreeMap<Long, Held>> model = new TreeMap<>();
    String[] owners = {"ana", "ben", "cy"};
    long key = 0;
    long now = 0;
    for (int step = 0; step < 20_000; step++) {
      now += random.nextInt(5);
      int op = random.nextInt(10);
      List<Held> all = new ArrayList<>();
      model.values().forEach(m -> all.addAll(m.values()));
      if (op < 4 || all.isEmpty()) {
        Held h = new Held(++key, now + 30, owners[random.nextInt(owners.length)]);
        u.add(h, random.nextInt(8) == 0);
        model.computeIfAbsent(h.owner, o -> new TreeMap<>()).put(h.key, h);
      } else if (op < 6) {
        Held h = all.get(random.nextInt(all.size()));
        h.settled = true;
        if (random.nextBoolean()) {
          u.settle(h, now);
        } else {
          u.drop(h);
        }
        model.get(h.owner).remove(h.key);
      } else {
        List<Held> taken = u.takeDue(now, random.nextInt(3), GATHER, 1 + random.nextInt(20));
        taken.forEach(h -> model.get(h.owner).remove(h.key));
        if (op == 9) {
          u.restore(taken, h -> !h.settled);
          taken.stream().filter(h -> !h.settled).forEach(h -> model.get(h.owner).put(h.key, h));
        }
      }
      for (String o : owners) {
        TreeMap<Long, Held> mine = model.getOrDefault(o, new TreeMap<>());
        assertThat(u.of(o)).containsExactlyElementsOf(mine.values());
        long after = key - random.nextInt(40);
        int limit = 1 + random.nextInt(5);
        assertThat(u.after(o, after, limit))
            .containsExactlyElementsOf(
                mine.tailMap(after, false).values().stream().limit(limit).toList());
      }
    }
  }
}
