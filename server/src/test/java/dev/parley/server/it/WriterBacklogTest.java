package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.Database;
import dev.parley.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Work queued for the database's writer is bounded: while the writer is behind, the server reads no
 * further requests (they wait in the kernel's socket buffers), and once it catches up every request
 * is read and answered.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WriterBacklogTest extends ServerTestBase {
  private static final int WRITES = 500;
  private static final long BYTES = 4L << 20;

  @Test
  void aFloodOfSmallSendsWhileTheWriterIsStalledQueuesNoMoreWritesThanTheBound() throws Exception {
    Database db = flood(4 * WRITES, 16);
    assertThat(most(db::backlog)).isGreaterThan(WRITES / 2).isLessThanOrEqualTo(WRITES + 1);
  }

  @Test
  void aFloodOfLargeSendsWhileTheWriterIsStalledQueuesNoMoreBytesThanTheBound() throws Exception {
    int envelope = 32 << 10; // 32 KiB, about 44 KiB of line
    Database db = flood((int) (4 * BYTES / envelope), envelope);
    assertThat(most(db::backlogBytes))
        .isGreaterThan(BYTES / 2)
        .isLessThanOrEqualTo(BYTES + envelope);
  }

  private RawClient alice;
  private List<String> ids;
  private CountDownLatch release;
  private Thread flooder;

  /**
   * A server whose writer is stalled (as under a load it cannot keep up with), and alice sending
   * {@code sends} envelopes of {@code size} bytes to bob as fast as it will take them.
   */
  private Database flood(int sends, int size) throws Exception {
    server.close();
    server =
        TestServer.start(
            dir.resolve("flood"),
            b ->
                b.requestRate(10_000_000, 10_000_000)
                    .queueLimit(4 * sends)
                    .queueBytesLimit(1L << 30)
                    .senderQueueShare(4 * sends, 1L << 30)
                    .writerBacklog(WRITES, BYTES));
    alice = connect().hello().register("alice", PASSWORD);
    connect().hello().register("bob", PASSWORD);
    Database db = server.store().database();
    release = new CountDownLatch(1);
    db.write(
        c -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
    ids = new ArrayList<>();
    byte[] envelope = new byte[size];
    flooder =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < sends; i++) {
                  String id =
                      alice.send("send", "to", "bob", "msgId", "m" + i, "envelope", envelope);
                  synchronized (ids) {
                    ids.add(id);
                  }
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "flooder");
    flooder.start();
    this.sends = sends;
    return db;
  }

  private int sends;

  /**
   * The most {@code backlog} reached over 3 s of the stall; then the writer is released and every
   * send must be read and answered.
   */
  private long most(java.util.function.LongSupplier backlog) throws Exception {
    long most = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < end) {
      most = Math.max(most, backlog.getAsLong());
      Thread.sleep(5);
    }
    release.countDown();
    flooder.join(TimeUnit.SECONDS.toMillis(60));
    synchronized (ids) {
      assertThat(ids).hasSize(sends);
      for (String id : ids) {
        assertThat(alice.answer(id).get("type").getAsString()).isEqualTo("ok");
      }
    }
    return most;
  }
}
