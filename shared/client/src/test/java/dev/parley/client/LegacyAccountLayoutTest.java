package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.account.AccountFiles;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerInfo;
import dev.parley.client.net.KnownServers;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder in the layout of the address-keyed versions ({@code accounts/<host>_<port>/<user>}
 * and {@code known_servers} lines {@code host:port FINGERPRINT}) is taken over on start: each
 * account moves to its server's folder with its keys and history, nothing is deleted.
 */
class LegacyAccountLayoutTest {
  static final String ELSEWHERE =
      "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF";

  @TempDir Path dir;
  ParleyServer server;
  final List<TestUser> users = new ArrayList<>();

  TestUser user(String name) {
    TestUser u = new TestUser(name, dir.resolve("clients").resolve(name));
    users.add(u);
    return u;
  }

  @AfterEach
  void stop() {
    users.forEach(TestUser::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void accountsOfTheAddressKeyedLayoutMoveToTheirServerWithKeysAndHistory() throws Exception {
    server = TestServer.start(dir.resolve("server"), b -> b.name("Office"));
    int port = server.port();
    String fp = server.fingerprint();
    TestUser alice = user("alice").connect(port, fp).register();
    TestUser bob = user("bob").connect(port, fp).register();
    TestUser.await(bob.client.addContact("alice"));
    alice.send("bob", "one");
    bob.received();
    bob.send("alice", "two");
    alice.received();
    IdentityPublicKey identity = alice.client.identity();
    alice.close();
    users.remove(alice);

    // Lay Alice's folder out as the address-keyed versions did: her account through 127.0.0.1,
    // an older one of the same server through "localhost", one on another server, and a folder
    // that no pin names.
    Path home = dir.resolve("clients/alice");
    Path accounts = home.resolve("accounts");
    Path byIdentity = accounts.resolve(AccountFiles.serverId(fp));
    Path viaLoopback = accounts.resolve("127.0.0.1_" + port);
    Path viaName = accounts.resolve("localhost_" + port);
    Files.createDirectories(viaLoopback);
    Files.move(byIdentity.resolve("alice"), viaLoopback.resolve("alice"));
    Files.delete(byIdentity);
    copy(viaLoopback.resolve("alice"), viaName.resolve("alice"));
    Files.writeString(viaName.resolve("alice/older-marker"), "");
    age(viaName.resolve("alice"), Duration.ofDays(2));
    Path otherServer = Files.createDirectories(accounts.resolve("10.0.0.9_5417/alice"));
    Files.writeString(otherServer.resolve("keys.pks"), "elsewhere");
    Path unpinned = Files.createDirectories(accounts.resolve("10.0.0.10_5417/carol"));
    Files.writeString(
        home.resolve("known_servers"),
        "127.0.0.1:"
            + port
            + " "
            + fp
            + "\n"
            + "localhost:"
            + port
            + " "
            + fp
            + "\n"
            + "10.0.0.9:5417 "
            + ELSEWHERE
            + "\n");

    TestUser again = user("alice");
    ServerInfo info = TestUser.await(again.client.connect(new ServerAddress("127.0.0.1", port)));
    assertThat(info.localAccounts()).containsExactly("alice");
    again.login();
    assertThat(again.client.identity()).isEqualTo(identity);
    assertThat(again.history("bob")).extracting(ChatMessage::text).containsExactly("one", "two");
    again.send("bob", "three");
    assertThat(bob.received().text()).isEqualTo("three");
    assertThat(bob.events).noneMatch(e -> e instanceof TestUser.IdentityChanged);

    // The one used last is the account; the older one stays beside it; nothing was deleted.
    assertThat(byIdentity.resolve("alice/older-marker")).doesNotExist();
    assertThat(byIdentity.resolve("alice+from-localhost_" + port + "/older-marker")).exists();
    assertThat(viaLoopback).doesNotExist();
    assertThat(viaName).doesNotExist();
    assertThat(accounts.resolve(AccountFiles.serverId(ELSEWHERE)).resolve("alice/keys.pks"))
        .hasContent("elsewhere");
    assertThat(unpinned).isDirectory();
    assertThat(Files.readAllLines(home.resolve("known_servers")).get(0))
        .isEqualTo(KnownServers.HEADER);
    assertThat(again.client.knownServers().server(ELSEWHERE)).isPresent();
  }

  @Test
  void theVersionOneFoldersOfTheFixtureMoveToTheirServerByTheOldPins() throws Exception {
    // Written by the client at a25e89d (see src/test/resources/legacy-v1/README.md).
    Path home = dir.resolve("alice");
    copy(Path.of(getClass().getResource("/legacy-v1/alice").toURI()), home);
    String fp = Files.readString(home.resolve("known_servers")).strip().split(" ")[1];
    ServerAddress was = new ServerAddress("127.0.0.1", 46363);
    Path old = home.resolve("accounts/127.0.0.1_46363/alice");
    List<String> files;
    try (Stream<Path> s = Files.list(old)) {
      files = s.map(p -> p.getFileName().toString()).sorted().toList();
    }

    KnownServers known = new KnownServers(home.resolve("known_servers"));
    AccountFiles accounts = new AccountFiles(home, known);
    accounts.adoptLegacyFolders();

    Path moved = home.resolve("accounts").resolve(AccountFiles.serverId(fp)).resolve("alice");
    try (Stream<Path> s = Files.list(moved)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactlyElementsOf(files);
    }
    assertThat(home.resolve("accounts/127.0.0.1_46363")).doesNotExist();
    assertThat(accounts.localAccounts(was)).containsExactly("alice");
    assertThat(accounts.localAccounts(fp)).containsExactly("alice");
    KnownServers again = new KnownServers(home.resolve("known_servers"));
    assertThat(again.legacyPins()).isEmpty();
    assertThat(again.pinned(was)).contains(fp);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void age(Path folder, Duration by) throws IOException {
    FileTime then = FileTime.from(Instant.now().minus(by));
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, then);
      }
    }
  }
}
