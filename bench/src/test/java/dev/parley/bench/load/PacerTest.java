package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The generator's rate limit: every message, in order per window, from one thread, never early. */
class PacerTest {

  @Test
  void sendsEveryMessageInOrderFromOneThreadNoFasterThanTheRate() throws Exception {
    int windows = 4;
    int perWindow = 25;
    double rate = 400; // 100 messages in all: at least a quarter of a second
    List<List<Integer>> sent = new ArrayList<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<SendWindow> all = new ArrayList<>();
    for (int i = 0; i < windows; i++) {
      List<Integer> mine = Collections.synchronizedList(new ArrayList<>());
      sent.add(mine);
      SendWindow[] w = new SendWindow[1];
      // The server's acknowledgement comes at once, on the sending thread, as fast as can be:
      // only the pacer may hold the window back.
      w[0] =
          new SendWindow(
              perWindow,
              64,
              seq -> {
                mine.add(seq);
                threads.add(Thread.currentThread().getName());
                w[0].acknowledged();
              });
      all.add(w[0]);
    }
    long start = System.nanoTime();
    Thread pacer = Pacer.start(all, rate);
    all.forEach(SendWindow::start); // does nothing once paced: the pacer alone sends
    pacer.join(TimeUnit.SECONDS.toMillis(30));
    long elapsed = System.nanoTime() - start;

    assertThat(pacer.isAlive()).isFalse();
    List<Integer> inOrder = IntStream.range(0, perWindow).boxed().toList();
    assertThat(sent).allSatisfy(s -> assertThat(s).isEqualTo(inOrder));
    assertThat(threads).containsExactly("pacer");
    // The last message of each window is due after (perWindow - 1) / (rate / windows) seconds.
    double earliest = (perWindow - 1) / (rate / windows);
    assertThat(elapsed / 1e9).isGreaterThanOrEqualTo(earliest);
  }

  @Test
  void aFullWindowHoldsThePaceBack() throws Exception {
    List<Integer> sent = Collections.synchronizedList(new ArrayList<>());
    // Never acknowledged: at most the window's two messages go, however much time has passed.
    SendWindow w = new SendWindow(10, 2, sent::add);
    Thread pacer = Pacer.start(List.of(w), 10_000);
    Thread.sleep(100);
    assertThat(sent).containsExactly(0, 1);
    w.stop();
    w.acknowledged();
    w.acknowledged();
    pacer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(pacer.isAlive()).isFalse();
    assertThat(sent).containsExactly(0, 1);
  }

  @Test
  void refusesARateThatIsNotPositive() {
    SendWindow w = new SendWindow(1, 1, seq -> {});
    assertThatThrownBy(() -> Pacer.start(List.of(w), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
