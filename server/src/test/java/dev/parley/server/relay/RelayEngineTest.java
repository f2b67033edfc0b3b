package dev.parley.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.MessageRef;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.session.Deliveries;
import dev.parley.server.store.Credentials;
import dev.parley.server.store.Database;
import dev.parley.server.store.EnqueueResult;
import dev.parley.server.store.QueuedMessage;
import dev.parley.server.store.Receipt;
import dev.parley.server.store.ServerStore;
import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine over a real SQLite file: what it writes, when the sender hears {@code ok}, and what a
 * reconnecting recipient is streamed while messages are still held in memory.
 */
class RelayEngineTest {
  @TempDir Path dir;
  private Database db;
  private ServerStore store;
  private final Recorder deliveries = new Recorder();

  /** Records what the engine pushes to "online" users. */
  static final class Recorder implements Deliveries {
    final List<QueuedMessage> messages = new CopyOnWriteArrayList<>();
    final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    final java.util.Set<String> offline = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public boolean isOnline(String user) {
      return !offline.contains(user);
    }

    @Override
    public void event(String user, Event event, boolean droppable) {}

    @Override
    public void message(QueuedMessage m) {
      messages.add(m);
    }

    @Override
    public void receipt(Receipt r) {
      receipts.add(r);
    }
  }

  private RelayEngine open(Duration window) throws Exception {
    RelayEngine relay = open(window, TestServer.config(dir).build());
    store.contacts().addContact("ben", "ana", 1).get(5, TimeUnit.SECONDS);
    return relay;
  }

  /** The engine over a fresh database with the accounts ana and ben, who are not contacts. */
  private RelayEngine open(Duration window, ServerConfig config) throws Exception {
    db = Database.open(dir.resolve("relay.db"));
    store = ServerStore.create(db, config);
    for (String user : List.of("ana", "ben")) {
      store
          .accounts()
          .createUser(user, "x", Credentials.Scheme.PASSWORD, 1)
          .get(5, TimeUnit.SECONDS);
    }
    return RelayEngine.start(store, deliveries, window);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private static byte[] marked(String marker) {
    return ("envelope " + marker + " ".repeat(64)).getBytes(StandardCharsets.US_ASCII);
  }

  /** True when any of the database's files (main, WAL) holds {@code marker}. */
  private boolean onDisk(String marker) throws Exception {
    byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
    for (String name : List.of("relay.db", "relay.db-wal")) {
      Path f = dir.resolve(name);
      if (Files.exists(f) && indexOf(Files.readAllBytes(f), needle) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aMessageAcknowledgedWithinTheWindowIsNeverWrittenButItsIdIs() throws Exception {
    RelayEngine relay = open(Duration.ofSeconds(2));
    CompletableFuture<EnqueueResult> sent =
        relay.send("ana", "ben", "m1", marked("QUICKACK"), 1000, false);
    relay.pending("ben", 0, 1).get(5, TimeUnit.SECONDS); // after the send on the writer thread

    assertThat(deliveries.messages).extracting(QueuedMessage::msgId).containsExactly("m1");
    assertThat(sent).isNotDone(); // neither durable nor acknowledged yet
    relay.ack("ben", List.of(new MessageRef("ana", "m1")), 1001).get(5, TimeUnit.SECONDS);

    // The recipient's acknowledgement answers the sender at once, with the receipt.
    EnqueueResult ok = sent.get(1, TimeUnit.SECONDS);
    assertThat(ok.duplicate()).isFalse();
    assertThat(ok.sentAt()).isEqualTo(1000);
    assertThat(deliveries.receipts).extracting(Receipt::msgId).containsExactly("m1");
    relay.ackReceipts("ana", List.of(deliveries.receipts.get(0).rid())).get(5, TimeUnit.SECONDS);

    db.close(); // writes whatever is still held
    db = null;
    assertThat(onDisk("QUICKACK")).as("envelope bytes on disk").isFalse();
    assertThat(count("SELECT COUNT(*) FROM queue")).isZero();
    assertThat(count("SELECT COUNT(*) FROM receipts")).isZero();
    assertThat(count("SELECT COUNT(*) FROM seen WHERE sender = 'ana' AND msg_id = 'm1'"))
        .isEqualTo(1);
  }

  @Test
  void anAcknowledgedMessageIsForgottenATenthOfTheWindowAfterItsAckNotAtItsWindowsEnd()
      throws Exception {
    // The window is 30 s; the gathering after a settle is a tenth of it, 3 s.
    RelayEngine relay = open(Duration.ofSeconds(30));
    relay.send("ana", "ben", "m1", marked("SOON"), 1000, false);
    relay.ack("ben", List.of(new MessageRef("ana", "m1")), 1001).get(5, TimeUnit.SECONDS);
    relay.ackReceipts("ana", List.of(deliveries.receipts.get(0).rid())).get(5, TimeUnit.SECONDS);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count("SELECT COUNT(*) FROM seen WHERE msg_id = 'm1'") == 0
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    // Before, the settled message (envelope and all) stayed held until its window closed.
    assertThat(count("SELECT COUNT(*) FROM seen WHERE msg_id = 'm1'")).isEqualTo(1);
    assertThat(onDisk("SOON")).isFalse();
    assertThat(count("SELECT COUNT(*) FROM receipts")).isZero();
    // Nothing is held any more: a retry now is answered from the table.
    EnqueueResult again =
        relay.send("ana", "ben", "m1", marked("SOON"), 9000, false).get(5, TimeUnit.SECONDS);
    assertThat(again.duplicate()).isTrue();
    assertThat(again.sentAt()).isEqualTo(1000);
  }

  @Test
  void anUnacknowledgedMessageIsAnsweredOnlyOnceItIsInTheDatabase() throws Exception {
    RelayEngine relay = open(Duration.ofMillis(20));
    EnqueueResult ok =
        relay.send("ana", "ben", "m1", marked("OFFLINE"), 1000, false).get(5, TimeUnit.SECONDS);

    assertThat(ok.duplicate()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM queue WHERE msg_id = 'm1'")).isEqualTo(1);
    assertThat(onDisk("OFFLINE")).isTrue();
    // The same pair again, now from the table: a duplicate with the original time.
    EnqueueResult again =
        relay.send("ana", "ben", "m1", marked("OFFLINE"), 5000, false).get(5, TimeUnit.SECONDS);
    assertThat(again.duplicate()).isTrue();
    assertThat(again.sentAt()).isEqualTo(1000);
    assertThat(deliveries.messages).hasSize(1);

    // Acknowledged after it was written: deleted, and the receipt is stored once unseen.
    relay.ack("ben", List.of(new MessageRef("ana", "m1")), 1001).get(5, TimeUnit.SECONDS);
    assertThat(count("SELECT COUNT(*) FROM queue")).isZero();
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(relay.pendingReceipts("ana", 0, 10).get(5, TimeUnit.SECONDS))
        .extracting(Receipt::msgId)
        .containsExactly("m1");
    assertThat(count("SELECT COUNT(*) FROM receipts WHERE owner = 'ana'")).isEqualTo(1);
  }

  @Test
  void aMessageForSomeoneOfflineIsWrittenAtOnceWhateverTheWindow() throws Exception {
    RelayEngine relay = open(Duration.ofSeconds(30));
    deliveries.offline.add("ben");
    EnqueueResult ok =
        relay.send("ana", "ben", "m1", marked("NOW"), 1000, false).get(5, TimeUnit.SECONDS);

    assertThat(ok.duplicate()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM queue WHERE msg_id = 'm1'")).isEqualTo(1);
    // Its receipt, for a sender gone offline meanwhile, is written at once too.
    deliveries.offline.add("ana");
    relay.ack("ben", List.of(new MessageRef("ana", "m1")), 1001).get(5, TimeUnit.SECONDS);
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(count("SELECT COUNT(*) FROM receipts WHERE owner = 'ana'")).isEqualTo(1);
  }

  @Test
  void aRetryWhileTheOriginalIsHeldIsOneMessage() throws Exception {
    RelayEngine relay = open(Duration.ofSeconds(2));
    CompletableFuture<EnqueueResult> first =
        relay.send("ana", "ben", "m1", marked("A"), 1000, false);
    CompletableFuture<EnqueueResult> retry =
        relay.send("ana", "ben", "m1", marked("A"), 2000, false);
    relay.ack("ben", List.of(new MessageRef("ana", "m1")), 1001).get(5, TimeUnit.SECONDS);

    assertThat(first.get(1, TimeUnit.SECONDS).duplicate()).isFalse();
    assertThat(retry.get(1, TimeUnit.SECONDS).duplicate()).isTrue();
    assertThat(retry.get().sentAt()).isEqualTo(1000);
    assertThat(deliveries.messages).hasSize(1);
  }

  @Test
  void aRecipientCatchingUpIsStreamedHeldAndStoredMessagesInOrder() throws Exception {
    RelayEngine relay = open(Duration.ofMillis(20));
    relay.send("ana", "ben", "old", marked("OLD"), 1000, false).get(5, TimeUnit.SECONDS); // written
    db.close();
    db = null;
    // A restart, then a message that stays held for the whole test.
    db = Database.open(dir.resolve("relay.db"));
    store = ServerStore.create(db, TestServer.config(dir).build());
    relay = RelayEngine.start(store, deliveries, Duration.ofSeconds(30));
    CompletableFuture<EnqueueResult> held =
        relay.send("ana", "ben", "new", marked("NEW"), 2000, false);

    List<QueuedMessage> pending = relay.pending("ben", 0, 10).get(5, TimeUnit.SECONDS);
    assertThat(pending).extracting(QueuedMessage::msgId).containsExactly("old", "new");
    assertThat(pending.get(1).seq()).isGreaterThan(pending.get(0).seq());
    assertThat(relay.pending("ben", pending.get(0).seq(), 10).get(5, TimeUnit.SECONDS))
        .extracting(QueuedMessage::msgId)
        .containsExactly("new");
    assertThat(held).isNotDone();
  }

  @Test
  void heldMessagesCountInTheRecipientsQueueUntilAcknowledged() throws Exception {
    RelayEngine relay =
        open(Duration.ofSeconds(30), TestServer.config(dir).senderQueueShare(2, 1 << 20).build());
    relay.send("ana", "ben", "m1", marked("1"), 1, false);
    relay.send("ana", "ben", "m2", marked("2"), 2, false);

    assertThatThrownBy(
            () -> relay.send("ana", "ben", "m3", marked("3"), 3, false).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("waiting for ben");
    relay.ack("ben", List.of(new MessageRef("ana", "m1")), 4).get(5, TimeUnit.SECONDS);
    CompletableFuture<EnqueueResult> fourth = relay.send("ana", "ben", "m4", marked("4"), 5, false);
    relay.ack("ben", List.of(new MessageRef("ana", "m4")), 6).get(5, TimeUnit.SECONDS);
    assertThat(fourth.get(1, TimeUnit.SECONDS).duplicate()).isFalse();
  }

  @Test
  void anAccountDeletedWhileMessagesForItAreHeldLeavesNothingThatCannotBeWritten()
      throws Exception {
    RelayEngine relay = open(Duration.ofMillis(300));
    CompletableFuture<EnqueueResult> toBen =
        relay.send("ana", "ben", "m1", marked("GONE"), 1, false);
    relay
        .ack("ben", List.of(new MessageRef("ana", "m1")), 2)
        .get(5, TimeUnit.SECONDS); // a receipt held for ana
    CompletableFuture<EnqueueResult> toBen2 =
        relay.send("ana", "ben", "m2", marked("GONE2"), 3, false);
    store.accounts().deleteUser("ben").get(5, TimeUnit.SECONDS);
    store.accounts().deleteUser("ana").get(5, TimeUnit.SECONDS);

    // Had the held rows for the deleted accounts been written, their foreign keys would fail the
    // window's commit, and every commit after it.
    assertThat(toBen.get(5, TimeUnit.SECONDS).duplicate()).isFalse();
    assertThat(toBen2.get(5, TimeUnit.SECONDS).duplicate()).isFalse();
    store.accounts().createUser("cy", "x", Credentials.Scheme.PASSWORD, 1).get(5, TimeUnit.SECONDS);
    store
        .accounts()
        .createUser("dee", "x", Credentials.Scheme.PASSWORD, 1)
        .get(5, TimeUnit.SECONDS);
    relay.send("cy", "dee", "m3", marked("LATER"), 4, false).get(5, TimeUnit.SECONDS);
    assertThat(count("SELECT COUNT(*) FROM queue WHERE msg_id = 'm3'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM queue WHERE recipient = 'ben'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM receipts")).isZero();
  }

  @Test
  void everySendIsAnsweredARefusedOneAndOneToAClosedDatabaseToo() throws Exception {
    // The answer is the future the message holds, not one composed from the writer's task: each
    // way the task can fail without the message being held must still reach the sender.
    RelayEngine relay = open(Duration.ofSeconds(30));
    assertThatThrownBy(
            () -> relay.send("ana", "nobody", "m1", marked("X"), 1, false).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(dev.parley.protocol.ProtocolException.class);
    CompletableFuture<EnqueueResult> held = relay.send("ana", "ben", "m2", marked("Y"), 2, false);
    CompletableFuture<EnqueueResult> retry = relay.send("ana", "ben", "m2", marked("Y"), 3, false);
    db.close(); // writes m2: both its send and its retry are answered
    assertThat(held.get(5, TimeUnit.SECONDS).duplicate()).isFalse();
    assertThat(retry.get(5, TimeUnit.SECONDS).duplicate()).isTrue();
    assertThat(retry.get().sentAt()).isEqualTo(2);
    CompletableFuture<EnqueueResult> late = relay.send("ana", "ben", "m3", marked("Z"), 4, false);
    db = null;
    assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRetryOfAMessageWhoseCommitFailedIsAnsweredOnceItIsWrittenNotWithTheFailure()
      throws Exception {
    RelayEngine relay = open(Duration.ofSeconds(30));
    deliveries.offline.add("ben"); // written with the batch that accepts it
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"))) {
      c.createStatement()
          .execute(
              "CREATE TRIGGER refuse BEFORE INSERT ON queue BEGIN SELECT RAISE(ABORT, 'disk'); END");
    }
    CompletableFuture<EnqueueResult> first = relay.send("ana", "ben", "m1", marked("F"), 7, false);
    assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
    // Still held, and written again a second later: the sender's retry waits for that.
    CompletableFuture<EnqueueResult> retry = relay.send("ana", "ben", "m1", marked("F"), 8, false);
    relay.pending("ben", 0, 1).get(5, TimeUnit.SECONDS);
    assertThat(retry).isNotDone();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"))) {
      c.createStatement().execute("DROP TRIGGER refuse");
    }
    EnqueueResult ok = retry.get(10, TimeUnit.SECONDS);
    assertThat(ok.duplicate()).isTrue();
    assertThat(ok.sentAt()).isEqualTo(7);
    assertThat(count("SELECT count(*) FROM queue WHERE msg_id = 'm1'")).isEqualTo(1);
  }
}
