package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.LogCapture;
import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a chat, an account's folder holds no message text, no password and no contact's name, in
 * the database, its write-ahead log or anywhere else; nor does anything the client logs.
 */
class AtRestTest {
  // Long names: a three-letter name could turn up in random ciphertext by chance.
  private static final String ALICE = "wilhelmina.quartz";
  private static final String BOB = "bartholomew.zephyr";
  private static final String TEXT_1 = "the rendezvous is at the lighthouse";
  private static final String TEXT_2 = "lighthouse confirmed, bring lanterns";

  @TempDir Path dir;
  private LogCapture log;

  @BeforeEach
  void captureLogs() {
    log = new LogCapture(true);
  }

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  @Test
  void noTextPasswordOrContactNameInTheAccountFoldersOrTheLog() throws Exception {
    try (ParleyServer server = TestServer.start(dir.resolve("server"), b -> b.port(0))) {
      TestUser alice = new TestUser(ALICE, dir.resolve("a"));
      TestUser bob = new TestUser(BOB, dir.resolve("b"));
      try (alice;
          bob) {
        alice.connect(server.port(), server.fingerprint()).register();
        bob.connect(server.port(), server.fingerprint()).register();
        TestUser.await(alice.client.addContact(BOB));
        TestUser.await(bob.client.addContact(ALICE));
        alice.send(BOB, TEXT_1);
        assertThat(bob.received().text()).isEqualTo(TEXT_1);
        bob.send(ALICE, TEXT_2);
        assertThat(alice.received().text()).isEqualTo(TEXT_2);
        TestUser.await(alice.client.markRead(BOB));
        TestUser.await(
            alice.client.setVerified(BOB, TestUser.await(alice.client.safetyNumber(BOB)), true));
      }
    }
    List<Path> accountFiles = accountFiles(dir.resolve("a"), ALICE);
    accountFiles.addAll(accountFiles(dir.resolve("b"), BOB));
    assertThat(accountFiles).anyMatch(p -> p.getFileName().toString().equals("account.db"));
    for (Path f : accountFiles) {
      assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
          .as(f.toString())
          .doesNotContain("lighthouse")
          .doesNotContain(TestUser.PASSWORD)
          .doesNotContain(ALICE)
          .doesNotContain(BOB);
    }
    assertThat(log.lines()).isNotEmpty();
    for (String line : log.lines()) {
      assertThat(line).doesNotContain("lighthouse").doesNotContain(TestUser.PASSWORD);
    }
  }

  /** Every file in the folder of account {@code user} under the data folder {@code data}. */
  private static List<Path> accountFiles(Path data, String user) throws Exception {
    try (Stream<Path> s = Files.walk(data.resolve("accounts"))) {
      List<Path> accountDirs =
          s.filter(p -> p.getFileName().toString().equals(user) && Files.isDirectory(p)).toList();
      assertThat(accountDirs).hasSize(1);
      try (Stream<Path> files = Files.walk(accountDirs.get(0))) {
        return new java.util.ArrayList<>(files.filter(Files::isRegularFile).toList());
      }
    }
  }
}
