package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.messaging.Inbox;
import dev.parley.server.testing.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client killed (SIGKILL) in the middle of a catch-up, in a JVM of its own (issue 15): after its
 * restart every message is shown exactly once, none is missing, none is doubled, and the ratchet
 * still decrypts new messages.
 *
 * <p>How a broken client fails here: one that acks before its commit loses what the server dropped
 * but the kill kept off the disk (history incomplete); one that stores the ratchet step apart from
 * the text reads the redelivery as duplicates and loses them the same way; one that tells its
 * listeners before the commit shows, in the killed run, texts that the restarted run shows again
 * (the two runs overlap); one without de-duplication doubles what was stored but not acknowledged.
 */
class CatchUpCrashTest extends RealServerTest {
  private static final int MESSAGES = 3_000;
  // Killed in the first batch that begins after this many were shown: a few are done, many more
  // are to go.
  private static final int KILL_AFTER = 2 * Inbox.BATCH;
  // Killed at once after this many, should no batch report come (it comes only for a backlog).
  private static final int KILL_ANYWAY = MESSAGES / 2;
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  Process child;

  @AfterEach
  void killChild() throws InterruptedException {
    if (child != null) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClientKilledInTheMiddleOfACatchUpShowsEveryMessageExactlyOnceAfterItsRestart()
      throws Exception {
    // One sender may queue all of them.
    startServer(b -> b.senderQueueShare(MESSAGES, 64L << 20));
    TestUser alice = user("alice").register();
    TestUser bob = user("bob").register();
    TestUser.await(bob.client.addContact("alice"));
    closeUser(bob);
    List<String> texts = sendNumbered(alice, "bob", MESSAGES);
    assertThat(pending("bob")).hasSize(MESSAGES);

    // The first run, killed mid-way; what it printed before dying is what it showed.
    child = startChild(bob.dir, dir.resolve("child.log"));
    BlockingQueue<String> lines = linesOf(child);
    List<String> shownBeforeKill = new ArrayList<>();
    while (shownBeforeKill.size() < KILL_ANYWAY) {
      String line = lines.poll(CATCH_UP.toSeconds(), TimeUnit.SECONDS);
      assertThat(line)
          .as("the child shows messages; its log: %s", log())
          .isNotNull()
          .isNotEqualTo(END);
      if (line.startsWith(CatchUpChild.SHOWN)) {
        shownBeforeKill.add(line.substring(CatchUpChild.SHOWN.length()));
      } else if (line.startsWith(CatchUpChild.BATCH_DONE) && shownBeforeKill.size() >= KILL_AFTER) {
        break;
      }
    }
    // Killed inside a unit of work: the batch that has just begun is written, not yet committed.
    try (SecondConnection db = SecondConnection.in(bob.dir)) {
      Eventually.await("the child writes its next batch", CATCH_UP, db::clientIsWriting);
      child.destroyForcibly();
    }
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    for (String line : drained(lines)) {
      if (line.startsWith(CatchUpChild.SHOWN)) {
        shownBeforeKill.add(line.substring(CatchUpChild.SHOWN.length()));
      }
    }
    assertThat(shownBeforeKill.size()).as("killed in the middle").isLessThan(MESSAGES);
    int waitingAtKill = pending("bob").size();
    assertThat(waitingAtKill).as("some still waiting on the server").isPositive();

    // The second run, in this JVM on the same data folder.
    TestUser again = new TestUser("bob", bob.dir);
    users.add(again);
    Heard heard = Heard.on(again);
    again.connect(server.port(), server.fingerprint()).login();
    // Acks follow commits, so an empty queue means everything is on bob's disk.
    Eventually.await("the server let go of every message", CATCH_UP, () -> nothingPending("bob"));

    List<String> stored =
        TestUser.await(again.client.history("alice", 2 * MESSAGES, Long.MAX_VALUE)).stream()
            .filter(m -> !m.outgoing())
            .map(ChatMessage::text)
            .toList();
    assertThat(stored).as("stored once").doesNotHaveDuplicates();
    assertThat(texts.stream().filter(t -> !stored.contains(t)).toList()).as("missing").isEmpty();
    assertThat(stored).as("in order").isEqualTo(texts);
    List<String> shownAfter = heard.shownTexts();
    assertThat(shownBeforeKill).as("first run").doesNotHaveDuplicates().isSubsetOf(texts);
    assertThat(shownAfter).as("second run").doesNotHaveDuplicates().isSubsetOf(texts);
    HashSet<String> both = new HashSet<>(shownBeforeKill);
    both.retainAll(shownAfter);
    assertThat(both).as("shown by both runs").isEmpty();
    // Only a batch committed just before the kill can have gone unannounced: its events were
    // still to be printed. Everything else was shown by one of the two runs.
    assertThat(shownBeforeKill.size() + shownAfter.size())
        .isGreaterThanOrEqualTo(MESSAGES - Inbox.BATCH);
    assertThat(shownAfter)
        .as("in order")
        .isEqualTo(texts.stream().filter(shownAfter::contains).toList());

    System.out.printf(
        "killed after %d shown (%d still on the server); the restart showed %d%n",
        shownBeforeKill.size(), waitingAtKill, shownAfter.size());

    // The ratchet survived: a new message decrypts, and so does the answer.
    alice.send("bob", "after the crash");
    Eventually.await(
        "bob shows the new message",
        TestUser.WAIT,
        () -> heard.shownTexts().contains("after the crash"));
    again.send("alice", "still here");
    alice.next(ChatMessage.class, m -> m.text().equals("still here"));
  }

  /** Starts {@link CatchUpChild} as bob on {@code data}, its log in {@code log}. */
  private Process startChild(Path data, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            CatchUpChild.class.getName(),
            data.toString(),
            "bob",
            Integer.toString(server.port()),
            server.fingerprint())
        .redirectError(log.toFile())
        .start();
  }

  private String log() throws IOException {
    Path f = dir.resolve("child.log");
    return Files.exists(f) ? Files.readString(f) : "(none)";
  }

  /** The lines {@code p} prints, read on a thread of their own until it ends. */
  private static BlockingQueue<String> linesOf(Process p) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException ended) {
                // the process is gone
              }
              lines.add(END);
            },
            "child-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static final String END = "\u0000end";

  /** What is left in {@code lines} once the process ended. */
  private static List<String> drained(BlockingQueue<String> lines) throws InterruptedException {
    List<String> out = new ArrayList<>();
    while (true) {
      String line = lines.poll(10, TimeUnit.SECONDS);
      if (line == null || line.equals(END)) {
        return out;
      }
      out.add(line);
    }
  }
}
