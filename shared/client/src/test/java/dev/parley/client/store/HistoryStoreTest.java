package dev.parley.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.DeliveryState;
import dev.parley.crypto.KeyStoreContents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
  @TempDir Path dir;
  static final char[] PASSWORD = "Passw0rdOK".toCharArray();

  /** The account database in folder {@code d}, created on first use; units commit when asked. */
  static AccountDatabase db(Path d) throws Exception {
    Transactions.Later manual = (task, delay) -> {};
    if (AccountDatabase.exists(d)) {
      return AccountDatabase.open(d, PASSWORD, manual);
    }
    Files.createDirectories(d);
    return AccountDatabase.create(
        d, PASSWORD, 1_000, KeyStoreContents.createNew(1), manual, created -> {});
  }

  @Test
  void aMessageFailsOnlyFromSendingLeavesTheOutboxAndNeverMovesOn() throws Exception {
    try (AccountDatabase a = db(dir.resolve("history.db"))) {
      HistoryStore h = a.history();
      h.addOutgoing("nobody", "m1", "to a user who does not exist", 1000);
      h.addOutgoing("bob", "m2", "stored by the server", 1001);
      long m1 = h.outbox().get(0).localId();
      h.setEnvelope(m1, new byte[] {1, 2, 3});
      assertThat(h.advance("bob", "m2", DeliveryState.SENT)).isPresent();

      assertThat(h.fail("nobody", "m1"))
          .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(DeliveryState.FAILED));
      assertThat(h.outbox()).as("not retried at the next start").isEmpty();
      assertThat(h.envelope(m1)).as("nothing kept for a resend").isEmpty();
      assertThat(h.fail("nobody", "m1")).as("once").isEmpty();
      assertThat(h.fail("bob", "m2")).as("a stored message never fails").isEmpty();
      assertThat(h.advance("nobody", "m1", DeliveryState.DELIVERED)).isEmpty();
      assertThat(h.advance("nobody", "m1", DeliveryState.READ)).isEmpty();
      assertThat(h.history("nobody", 10, Long.MAX_VALUE))
          .extracting(ChatMessage::state)
          .containsExactly(DeliveryState.FAILED);
      assertThat(h.history("bob", 10, Long.MAX_VALUE))
          .extracting(ChatMessage::state)
          .containsExactly(DeliveryState.SENT);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> h.advance("bob", "m2", DeliveryState.FAILED))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void storesSealedTextsStatesUnreadAndSurvivesReopening() throws Exception {
    Path file = dir.resolve("history.db");
    try (AccountDatabase a = db(file)) {
      HistoryStore h = a.history();
      ChatMessage out = h.addOutgoing("bob", "m1", "a very private sentence", 1000);
      assertThat(h.outbox()).extracting(ChatMessage::msgId).containsExactly("m1");
      assertThat(h.advance("bob", "m1", DeliveryState.DELIVERED)).isPresent();
      // States never go backwards.
      assertThat(h.advance("bob", "m1", DeliveryState.SENT)).isEmpty();
      assertThat(h.outbox()).isEmpty();
      assertThat(h.addIncoming("bob", "m2", "reply text", 2000)).isPresent();
      assertThat(h.addIncoming("bob", "m2", "reply text", 2000)).as("deduplicated").isEmpty();
      assertThat(h.conversations().get(0).unread()).isEqualTo(1);
      assertThat(h.takeUnread("bob")).containsExactly("m2");
      assertThat(h.conversations().get(0).unread()).isZero();
      assertThat(out.localId()).isPositive();
    }
    try (AccountDatabase a = db(file)) {
      HistoryStore h = a.history();
      assertThat(h.history("bob", 10, Long.MAX_VALUE))
          .extracting(ChatMessage::text)
          .containsExactly("a very private sentence", "reply text");
      assertThat(h.history("bob", 1, Long.MAX_VALUE))
          .extracting(ChatMessage::text)
          .containsExactly("reply text");
    }
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      // Only the owner may read the history and its write-ahead log.
      for (Path f : Files.list(file).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.toString())
            .isEqualTo("rw-------");
      }
    }
    for (Path f : Files.list(file).toList()) {
      assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
          .doesNotContain("private sentence")
          .doesNotContain("reply text");
    }
  }

  @Test
  void aFloodOfUndecryptableEnvelopesFromOneSenderIsOneNotice() throws Exception {
    try (AccountDatabase a = db(dir.resolve("u.db"))) {
      HistoryStore h = a.history();
      h.addIncoming("mallory", "real", "a real message", 1);
      assertThat(h.addUndecryptable("mallory", "j1", 2).orElseThrow().added()).isTrue();
      for (int i = 2; i <= 500; i++) {
        HistoryStore.Undecryptable u = h.addUndecryptable("mallory", "j" + i, 2 + i).orElseThrow();
        assertThat(u.added()).isFalse();
      }
      List<ChatMessage> all = h.history("mallory", 1000, Long.MAX_VALUE);
      assertThat(all).hasSize(2);
      assertThat(all.get(1).kind()).isEqualTo(ChatMessage.Kind.UNDECRYPTABLE);
      assertThat(all.get(1).text()).isEqualTo("500 messages from mallory could not be decrypted.");
      // Something readable in between starts a new notice.
      h.addIncoming("mallory", "real2", "readable again", 700);
      assertThat(h.addUndecryptable("mallory", "j501", 701).orElseThrow().added()).isTrue();
      assertThat(h.history("mallory", 1000, Long.MAX_VALUE)).hasSize(4);
    }
  }

  @Test
  void aTamperedRowShowsDamageInsteadOfCrashing() throws Exception {
    Path file = dir.resolve("h.db");
    try (AccountDatabase a = db(file)) {
      a.history().addIncoming("dan", "x", "text", 1);
    }
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + file.resolve(AccountDatabase.FILE));
        java.sql.Statement s = c.createStatement()) {
      s.execute("UPDATE messages SET body = zeroblob(40)");
    }
    try (AccountDatabase a = db(file)) {
      assertThat(a.history().history("dan", 5, Long.MAX_VALUE).get(0).text()).contains("damaged");
    }
  }

  @Test
  void anOutgoingMessageHasNoEnvelopeUntilOneIsKeptAndLosesItOnceSent() throws Exception {
    try (AccountDatabase a = db(dir.resolve("e.db"))) {
      HistoryStore h = a.history();
      ChatMessage m = h.addOutgoing("bob", "m1", "hi", 1);
      assertThat(h.envelope(m.localId())).isEmpty();
      h.setEnvelope(m.localId(), new byte[] {1, 2, 3});
      assertThat(h.envelope(m.localId()))
          .hasValueSatisfying(e -> assertThat(e).containsExactly(1, 2, 3));
      h.advance("bob", "m1", DeliveryState.SENT);
      assertThat(h.envelope(m.localId())).isEmpty();
    }
  }

  @Test
  void aRemovedContactComesBack() throws Exception {
    try (AccountDatabase a = db(dir.resolve("r.db"))) {
      HistoryStore h = a.history();
      h.addContact("dave", 1);
      h.removeContact("dave");
      assertThat(h.contactNames()).doesNotContain("dave");
      assertThat(h.conversations()).extracting(c -> c.peer()).doesNotContain("dave");
      h.addContact("dave", 3);
      assertThat(h.contactNames()).contains("dave");
    }
  }

  @Test
  void aContactAddedInAUnitThatRolledBackIsAddedAgain() throws Exception {
    Path file = dir.resolve("c.db");
    try (AccountDatabase a = db(file)) {
      HistoryStore h = a.history();
      h.addContact("erin", 1);
      a.transactions().rollback(new IllegalStateException("disk full"));
      assertThat(h.contactNames()).doesNotContain("erin");
      h.addContact("erin", 2);
      assertThat(h.contactNames()).contains("erin");
      a.transactions().commit();
      // A removal that rolled back leaves the contact, and a later removal still writes.
      h.removeContact("erin");
      a.transactions().rollback(new IllegalStateException("disk full"));
      h.addContact("erin", 3);
      assertThat(h.contactNames()).contains("erin");
      h.removeContact("erin");
      a.transactions().commit();
    }
    try (AccountDatabase a = db(file)) {
      assertThat(a.history().contactNames()).doesNotContain("erin");
      a.history().addContact("erin", 4);
      a.transactions().commit();
    }
    try (AccountDatabase a = db(file)) {
      assertThat(a.history().contactNames()).containsExactly("erin");
    }
  }

  @Test
  void advanceGivesTheUpdatedMessageAndTouchesOnlyThatOutgoingOne() throws Exception {
    try (AccountDatabase a = db(dir.resolve("a.db"))) {
      HistoryStore h = a.history();
      ChatMessage out = h.addOutgoing("bob", "same-id", "my words", 10);
      h.addIncoming("bob", "same-id", "their words", 11);
      h.addOutgoing("carol", "same-id", "to carol", 12);
      assertThat(h.advance("bob", "same-id", DeliveryState.SENT))
          .contains(
              new ChatMessage(
                  out.localId(),
                  "bob",
                  "same-id",
                  true,
                  ChatMessage.Kind.TEXT,
                  "my words",
                  10,
                  DeliveryState.SENT));
      assertThat(h.advance("bob", "same-id", DeliveryState.READ))
          .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(DeliveryState.READ));
      assertThat(h.advance("bob", "same-id", DeliveryState.DELIVERED)).as("not back").isEmpty();
      assertThat(h.advance("bob", "same-id", DeliveryState.READ)).as("once").isEmpty();
      assertThat(h.advance("bob", "other-id", DeliveryState.READ)).isEmpty();
      assertThat(h.advance("nobody", "same-id", DeliveryState.READ)).isEmpty();
      assertThat(h.history("bob", 10, Long.MAX_VALUE))
          .extracting(ChatMessage::text, ChatMessage::state)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("my words", DeliveryState.READ),
              org.assertj.core.groups.Tuple.tuple("their words", DeliveryState.RECEIVED));
      assertThat(h.history("carol", 10, Long.MAX_VALUE))
          .extracting(ChatMessage::state)
          .containsExactly(DeliveryState.SENDING);
    }
  }
}
