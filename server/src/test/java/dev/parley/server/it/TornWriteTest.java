package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.ParleyServer;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut can leave the last, unsynced write of the message store half on disk. After a kill
 * -9, the write-ahead log is cut in the middle of what was written after the last acknowledged
 * message and ends in garbage, as a torn write would leave it: the server must start, deliver every
 * acknowledged message exactly once and in order, and go on accepting messages.
 */
class TornWriteTest {
  @TempDir Path dir;

  @Test
  void aTornTailOfTheLogLosesNoAcknowledgedMessage() throws Exception {
    int[] port = new int[1];
    Process server = CrashRecoveryTest.startServer(dir, port);
    List<String> acknowledged = new ArrayList<>();
    Path wal = dir.resolve(ParleyServer.DATABASE_FILE + "-wal");
    long synced;
    try (RawClient alice = new RawClient(port[0]).hello().register("alice", PASSWORD);
        RawClient bob = new RawClient(port[0]).hello().register("bob", PASSWORD)) {
      bob.ok("logout");
      for (int i = 0; i < 100; i++) {
        JsonObject ok =
            alice.ok("send", "to", "bob", "msgId", "a" + i, "envelope", new byte[] {(byte) i});
        acknowledged.add(ok.get("msgId").getAsString());
      }
      synced = Files.size(wal); // every acknowledged message is within these bytes
      for (int i = 0; i < 100; i++) {
        alice.send("send", "to", "bob", "msgId", "b" + i, "envelope", new byte[] {(byte) i});
      }
      TimeUnit.MILLISECONDS.sleep(300); // the relay's window closes: the second batch is written
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    long written = Files.size(wal);
    assertThat(written).as("the second batch reached the log").isGreaterThan(synced);
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
      long cut = synced + (written - synced) / 2 + 37; // inside a frame, off any boundary
      f.setLength(cut);
      byte[] junk = new byte[3000];
      new Random(16).nextBytes(junk);
      f.seek(cut);
      f.write(junk);
    }

    Process again = CrashRecoveryTest.startServer(dir, port);
    try (RawClient bob = new RawClient(port[0]).hello().login("bob", PASSWORD);
        RawClient alice = new RawClient(port[0]).hello().login("alice", PASSWORD)) {
      List<String> received = new ArrayList<>();
      while (true) {
        JsonObject m;
        try {
          m = bob.next(f -> f.get("type").getAsString().equals("message"), Duration.ofSeconds(2));
        } catch (AssertionError done) {
          break;
        }
        received.add(m.get("msgId").getAsString());
      }
      assertThat(received).doesNotHaveDuplicates();
      assertThat(received.subList(0, Math.min(received.size(), acknowledged.size())))
          .containsExactlyElementsOf(acknowledged);
      // The store still takes writes, and the retried torn messages are new or duplicates.
      JsonObject ok = alice.ok("send", "to", "bob", "msgId", "after", "envelope", new byte[] {1});
      assertThat(ok.get("duplicate").getAsBoolean()).isFalse();
      JsonObject retry = alice.ok("send", "to", "bob", "msgId", "b99", "envelope", new byte[] {1});
      assertThat(retry.has("duplicate")).isTrue();
    } finally {
      again.destroy();
      again.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
