package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The stored-then-live stream of one connection, over a fake connection and store. */
class DrainTest {
  /** A connection whose writability the test sets; its event loop is the test's thread. */
  private static final class FakeOutlet implements Drain.Outlet {
    boolean writable = true;
    boolean failed;
    int flushes;

    @Override
    public boolean isWritable() {
      return writable;
    }

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void onLoop(Runnable r) {
      r.run();
    }

    @Override
    public void closeWithInternalError() {
      failed = true;
    }
  }

  private final FakeOutlet outlet = new FakeOutlet();
  private final List<Long> stored = new ArrayList<>();
  private final List<Long> pushed = new ArrayList<>();
  private int reads;

  private Drain<Long> drain(java.util.function.Consumer<Long> alsoOnPush) {
    return new Drain<>(
        outlet,
        (cursor, limit) -> {
          reads++;
          return CompletableFuture.completedFuture(
              stored.stream().filter(k -> k > cursor).limit(limit).toList());
        },
        k -> k,
        k -> {
          pushed.add(k);
          alsoOnPush.accept(k);
        });
  }

  private void store(long from, long to) {
    LongStream.rangeClosed(from, to).forEach(stored::add);
  }

  @Test
  void streamsWhatIsStoredInBatchesThenPushesNewItemsDirectly() {
    store(1, 600);
    Drain<Long> d = drain(k -> {});
    d.start();
    assertThat(pushed).hasSize(600).isSorted().doesNotHaveDuplicates();
    int readsWhenCaughtUp = reads;
    assertThat(readsWhenCaughtUp).isEqualTo(3); // 256 + 256 + 88
    stored.add(601L);
    d.offer(601L);
    assertThat(pushed).endsWith(601L);
    assertThat(reads).isEqualTo(readsWhenCaughtUp); // pushed without reading the store again
  }

  @Test
  void aConnectionThatStopsTakingDataPausesTheStreamWhichResumesFromItsCursor() {
    store(1, 100);
    Drain<Long> d = drain(k -> outlet.writable = k % 30 != 0); // full after every 30th item
    d.start();
    assertThat(pushed).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
    // New items while paused are not pushed past the backlog; they stay stored.
    store(101, 110);
    d.offer(101L);
    assertThat(pushed).hasSize(30);
    while (pushed.size() < 110) {
      outlet.writable = true;
      d.onWritable();
    }
    assertThat(pushed).containsExactlyElementsOf(LongStream.rangeClosed(1, 110).boxed().toList());
  }

  @Test
  void anItemStreamedFromTheStoreIsNotPushedAgainWhenItsCommitIsOffered() {
    store(1, 5);
    Drain<Long> d = drain(k -> {});
    d.start();
    d.offer(5L); // committed before the read that already streamed it
    d.offer(3L);
    assertThat(pushed).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aStoppedDrainPushesNothingMore() {
    store(1, 3);
    Drain<Long> d = drain(k -> {});
    d.start();
    d.stop();
    stored.add(4L);
    d.offer(4L);
    d.onWritable();
    assertThat(pushed).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aFailedReadClosesTheConnection() {
    Drain<Long> d =
        new Drain<>(
            outlet,
            (cursor, limit) -> CompletableFuture.failedFuture(new IllegalStateException("disk")),
            k -> k,
            pushed::add);
    d.start();
    assertThat(outlet.failed).isTrue();
    assertThat(pushed).isEmpty();
  }
}
