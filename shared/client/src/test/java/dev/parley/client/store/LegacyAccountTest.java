package dev.parley.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.DeliveryState;
import dev.parley.crypto.E2eSessions;
import dev.parley.crypto.WrongPasswordException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts written by the version before the account database (key-store file plus history
 * database, see src/test/resources/legacy-v1/README.md) are taken over on first unlock without
 * losing history, sessions or verified marks.
 */
class LegacyAccountTest {
  private static final char[] PASSWORD = "Passw0rdOK".toCharArray();
  private static final Transactions.Later MANUAL = (task, delay) -> {};

  @TempDir Path dir;

  private Path copyOf(String user) throws IOException {
    Path target = dir.resolve(user);
    for (String name : List.of("keys.pks", "history.db")) {
      String resource = "/legacy-v1/" + user + "/accounts/127.0.0.1_46363/" + user + "/" + name;
      try (InputStream in = getClass().getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        Files.createDirectories(target);
        Files.copy(in, target.resolve(name));
      }
    }
    return target;
  }

  @Test
  void historyVerifiedMarksAndSessionsSurviveTheTakeOver() throws Exception {
    Path alice = copyOf("alice");
    Path bob = copyOf("bob");
    try (AccountDatabase a = LegacyAccount.migrate(alice, PASSWORD, MANUAL);
        AccountDatabase b = LegacyAccount.migrate(bob, PASSWORD, MANUAL)) {
      List<ChatMessage> h = a.history().history("bob", 10, Long.MAX_VALUE);
      assertThat(h)
          .extracting(ChatMessage::text)
          .containsExactly(
              "Hello Bob, the secret word is marmalade",
              "Hi Alice, got marmalade",
              "Second from alice");
      assertThat(h)
          .extracting(ChatMessage::state)
          .containsExactly(DeliveryState.READ, DeliveryState.RECEIVED, DeliveryState.READ);
      assertThat(a.history().contactNames()).containsExactly("bob");
      assertThat(a.history().conversations().get(0).unread()).as("alice had not read it").isOne();
      assertThat(b.history().conversations().get(0).unread()).isZero();
      assertThat(a.keys().trust("bob").orElseThrow().verified()).isTrue();

      // The sessions go on: each side reads what the other encrypts now.
      byte[] toAlice = new E2eSessions(b.keys()).encrypt("alice", utf8("after the move"));
      b.keysChanged();
      assertThat(new String(new E2eSessions(a.keys()).decrypt("bob", toAlice).plaintext()))
          .isEqualTo("after the move");
      a.keysChanged();
      a.transactions().commit();
      b.transactions().commit();
    }
    for (Path account : List.of(alice, bob)) {
      assertThat(account.resolve("keys.pks")).doesNotExist();
      assertThat(account.resolve("history.db")).doesNotExist();
      assertThat(AccountDatabase.exists(account)).isTrue();
      for (Path f : files(account)) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain("marmalade")
            .doesNotContain(new String(PASSWORD));
      }
    }
    // Reopened, the ratchet is where the last commit left it.
    try (AccountDatabase a = AccountDatabase.open(alice, PASSWORD, MANUAL);
        AccountDatabase b = AccountDatabase.open(bob, PASSWORD, MANUAL)) {
      byte[] again = new E2eSessions(b.keys()).encrypt("alice", utf8("and after reopening"));
      assertThat(new String(new E2eSessions(a.keys()).decrypt("bob", again).plaintext()))
          .isEqualTo("and after reopening");
    }
  }

  @Test
  void aWrongPasswordLeavesTheOldFilesAsTheyWere() throws Exception {
    Path alice = copyOf("alice");
    byte[] keys = Files.readAllBytes(alice.resolve("keys.pks"));
    assertThatThrownBy(() -> LegacyAccount.migrate(alice, "Wrong0ne!".toCharArray(), MANUAL))
        .isInstanceOf(WrongPasswordException.class);
    assertThat(Files.readAllBytes(alice.resolve("keys.pks"))).isEqualTo(keys);
    assertThat(alice.resolve("history.db")).exists();
    assertThat(AccountDatabase.exists(alice)).isFalse();
  }

  @Test
  void anInterruptedTakeOverIsDoneAgainFromTheOldFiles() throws Exception {
    Path alice = copyOf("alice");
    // A crash before the commit leaves an account.db without a key: it is not an account.
    Files.write(alice.resolve(AccountDatabase.FILE), new byte[0]);
    assertThat(AccountDatabase.exists(alice)).isFalse();
    try (AccountDatabase a = LegacyAccount.migrate(alice, PASSWORD, MANUAL)) {
      assertThat(a.history().history("bob", 10, Long.MAX_VALUE)).hasSize(3);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
