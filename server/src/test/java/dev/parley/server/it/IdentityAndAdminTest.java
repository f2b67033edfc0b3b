package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.ParleyServer;
import dev.parley.server.cli.ServerMain;
import dev.parley.server.testing.TestServer;
import dev.parley.server.tls.ServerIdentity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IdentityAndAdminTest {
  @TempDir Path dir;

  @Test
  void theCertificateIsCreatedOnceAndKeptAcrossRestarts() throws Exception {
    String first;
    try (ParleyServer s = TestServer.start(dir);
        RawClient c = new RawClient(s.port())) {
      first = s.fingerprint();
      assertThat(c.fingerprint).isEqualTo(first);
      assertThat(first).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve(ServerIdentity.KEY_FILE)))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (ParleyServer s = TestServer.start(dir);
        RawClient c = new RawClient(s.port())) {
      assertThat(s.fingerprint()).isEqualTo(first);
      assertThat(c.fingerprint).isEqualTo(first);
    }
  }

  @Test
  void anAdminSuppliedCertificateIsUsed() throws Exception {
    Path other = dir.resolve("other");
    String fp;
    try (ParleyServer s = TestServer.start(other)) {
      fp = s.fingerprint();
    }
    try (ParleyServer s =
            TestServer.start(
                dir.resolve("main"),
                b ->
                    b.certificate(
                        other.resolve(ServerIdentity.CERT_FILE),
                        other.resolve(ServerIdentity.KEY_FILE)));
        RawClient c = new RawClient(s.port())) {
      assertThat(c.fingerprint).isEqualTo(fp);
      assertThat(Files.exists(dir.resolve("main").resolve(ServerIdentity.CERT_FILE))).isFalse();
    }
  }

  @Test
  void adminCommandsListAndDeleteUsersAndPrintTheFingerprint() throws Exception {
    String fp;
    try (ParleyServer s = TestServer.start(dir)) {
      fp = s.fingerprint();
      try (RawClient a = new RawClient(s.port()).hello().register("zed", PASSWORD);
          RawClient b = new RawClient(s.port()).hello().register("amy", PASSWORD)) {
        a.ok("add_contact", "user", "amy");
      }
    }
    assertThat(run("users", "list", "--data-dir", dir.toString())).isEqualTo("amy\nzed\n");
    assertThat(run("users", "delete", "AMY", "--data-dir", dir.toString())).contains("deleted amy");
    assertThat(run("users", "list", "--data-dir", dir.toString())).isEqualTo("zed\n");
    // Printed as people compare it everywhere: 4 lines of 8 pairs.
    assertThat(run("fingerprint", "--data-dir", dir.toString()).strip())
        .isEqualTo(dev.parley.protocol.CertificateFingerprint.display(fp));
    try (ParleyServer s = TestServer.start(dir);
        RawClient z = new RawClient(s.port()).hello().login("zed", PASSWORD)) {
      assertThat(z.ok("list_contacts").getAsJsonArray("contacts")).isEmpty();
    }
  }

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    try {
      new CommandLine(new ServerMain()).execute(args);
    } finally {
      System.setOut(old);
    }
    return buf.toString();
  }

  @Test
  void messagesFlowWhileManyLoginsAreHashing() throws Exception {
    // The storm comes from one address: allow it more failures than the default 20.
    try (ParleyServer s =
            TestServer.start(dir, b -> b.bcryptCost(10).loginFailuresPerAddress(100));
        RawClient alice = new RawClient(s.port()).hello().register("alice", PASSWORD);
        RawClient bob = new RawClient(s.port()).hello().register("bob", PASSWORD)) {
      List<RawClient> storm = new ArrayList<>();
      try {
        for (int i = 0; i < 50; i++) {
          storm.add(new RawClient(s.port()).hello());
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < storm.size(); i++) {
          // One guess per name: five per name and address are all that would be checked.
          ids.add(storm.get(i).send("login", "username", "ghost" + i, "password", "Wrong1pass"));
        }
        // While 50 bcrypt checks queue up on the worker pool, a message still goes the whole way.
        // Bob acknowledges it, so Alice's ok comes at his ack, not at the relay window's end:
        // a fast machine finishes the whole storm within that window.
        String sent =
            alice.send("send", "to", "bob", "msgId", "during-storm", "envelope", new byte[] {7});
        assertThat(bob.event("message").get("msgId").getAsString()).isEqualTo("during-storm");
        bob.ok("ack", "from", "alice", "msgId", "during-storm");
        assertThat(alice.answer(sent).get("type").getAsString()).isEqualTo("ok");
        CompletableFuture<Void> pending =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    storm.get(storm.size() - 1).answer(ids.get(ids.size() - 1));
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        assertThat(pending.isDone()).as("the storm is still hashing").isFalse();
        pending.get(60, TimeUnit.SECONDS);
        JsonObject last = storm.get(0).answer(ids.get(0));
        assertThat(last.get("code").getAsString()).isIn("bad_credentials", "rate_limited");
      } finally {
        storm.forEach(RawClient::close);
      }
    }
  }
}
