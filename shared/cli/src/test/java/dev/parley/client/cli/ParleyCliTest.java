package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.net.KnownServers;
import dev.parley.crypto.SafetyNumber;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal client end to end: a real server on a loopback port, the CLI run in-process as a
 * person (on a scripted terminal) or a script would run it, and other users on the real client core
 * or scripted on raw connections.
 */
class ParleyCliTest {
  /** A fingerprint no server here presents. */
  static final String OTHER = String.join(":", Collections.nCopies(32, "AB"));

  @TempDir Path dir;
  ParleyServer server;
  String address;
  final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir.resolve("server"));
    address = "127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() throws Exception {
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private Path home(String user) {
    return dir.resolve("cli-" + user);
  }

  /** The CLI's arguments for {@code user}: server, user, data folder, then {@code more}. */
  private String[] args(String user, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of("--server", address, "--user", user, "--data-dir", home(user).toString()));
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  private Optional<String> pin(String user) {
    return new KnownServers(home(user).resolve("known_servers"))
        .pinned(ServerAddress.parse(address));
  }

  /**
   * As if {@code user} had only ever trusted {@code fingerprint}, at the server's address (a
   * certificate known from anywhere else would be trusted there too).
   */
  private void pin(String user, String fingerprint) throws IOException {
    Path file = home(user).resolve("known_servers");
    Files.deleteIfExists(file);
    new KnownServers(file).trust(ServerAddress.parse(address), fingerprint);
  }

  /** Registers {@code user} with the CLI as a script would, pinning the real fingerprint. */
  private void registerWithCli(String user) throws Exception {
    try (CliRun r =
        CliRun.script(
            args(user, "--register", "--accept-fingerprint", server.fingerprint(), "--list"))) {
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
  }

  private Peer peer(String name) {
    return keep(new Peer(name, dir.resolve("peer-" + name), server.port(), server.fingerprint()));
  }

  // ---- item 14: the server's certificate ------------------------------------------------------

  @Test
  void firstContactWithoutATerminalStopsWithItsOwnExitCodeAndPinsNothing() throws Exception {
    try (CliRun r = CliRun.script(args("alice", "--register", "--list"))) {
      assertThat(r.exitCode()).isEqualTo(ParleyCli.UNTRUSTED);
      assertThat(r.err())
          .contains("First connection to " + address, shown(server.fingerprint()))
          .contains("no terminal")
          .contains("--accept-fingerprint");
    }
    assertThat(pin("alice")).isEmpty();
  }

  @Test
  void firstContactOnATerminalAsksAndOnlyYesPins() throws Exception {
    try (CliRun no = CliRun.onTerminal(List.of("n"), args("alice", "--register", "--list"))) {
      assertThat(no.exitCode()).isEqualTo(ParleyCli.UNTRUSTED);
      assertThat(no.terminal.prompts).containsExactly("Trust it? [y/N] ");
      assertThat(no.err()).contains(shown(server.fingerprint()));
    }
    assertThat(pin("alice")).isEmpty();

    try (CliRun yes = CliRun.onTerminal(List.of("y"), args("alice", "--register", "--list"))) {
      assertThat(yes.exitCode()).as(yes.err()).isZero();
      assertThat(yes.terminal.prompts).first().isEqualTo("Trust it? [y/N] ");
      assertThat(yes.terminal.prompts).anyMatch(p -> p.startsWith("Password for alice"));
    }
    assertThat(pin("alice")).contains(server.fingerprint());
  }

  @Test
  void acceptFingerprintPinsOnFirstContactOnlyAndNeverReplacesAPin() throws Exception {
    try (CliRun wrong = CliRun.script(args("alice", "--accept-fingerprint", OTHER, "--list"))) {
      assertThat(wrong.exitCode()).isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
      assertThat(wrong.err())
          .contains(shown(server.fingerprint()), shown(OTHER), "Nothing was pinned");
    }
    assertThat(pin("alice")).as("only what the server presented is ever pinned").isEmpty();

    registerWithCli("alice");
    assertThat(pin("alice")).contains(server.fingerprint());

    try (CliRun again = CliRun.script(args("alice", "--accept-fingerprint", OTHER, "--list"))) {
      assertThat(again.exitCode()).isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
      assertThat(again.err())
          .contains(
              "only pins a server on first contact",
              "--replace-fingerprint '" + shown(server.fingerprint()) + "'");
    }
    assertThat(pin("alice")).as("the pin is kept").contains(server.fingerprint());
  }

  @Test
  void aChangedCertificateIsRefusedEvenOnATerminalAndOnlyReplacedNamingTheOldPin()
      throws Exception {
    registerWithCli("alice");
    // As if the server's certificate changed since: the pin is not what it presents.
    pin("alice", OTHER);

    try (CliRun r = CliRun.onTerminal(List.of("y", "y"), args("alice", "--list"))) {
      assertThat(r.exitCode()).isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
      assertThat(r.terminal.prompts).as("no question that a 'y' could answer").isEmpty();
      assertThat(r.err())
          .contains("CHANGED", shown(OTHER), shown(server.fingerprint()), "Nothing was sent");
    }
    try (CliRun r =
        CliRun.script(args("alice", "--accept-fingerprint", server.fingerprint(), "--list"))) {
      assertThat(r.exitCode()).isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
    }
    String notThePin = server.fingerprint();
    try (CliRun r =
        CliRun.script(
            args(
                "alice",
                "--replace-fingerprint",
                notThePin,
                "--accept-fingerprint",
                server.fingerprint(),
                "--list"))) {
      assertThat(r.exitCode()).as("OLD must be the current pin").isEqualTo(4);
    }
    try (CliRun r =
        CliRun.script(
            args(
                "alice",
                "--replace-fingerprint",
                OTHER,
                "--accept-fingerprint",
                OTHER.replace("AB", "CD"),
                "--list"))) {
      assertThat(r.exitCode()).as("NEW must be what the server presents").isEqualTo(4);
    }
    assertThat(pin("alice")).contains(OTHER);

    try (CliRun r =
        CliRun.script(
            args(
                "alice",
                "--replace-fingerprint",
                OTHER.toLowerCase().replace(":", ""),
                "--accept-fingerprint",
                server.fingerprint(),
                "--list"))) {
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    assertThat(pin("alice")).contains(server.fingerprint());
  }

  // ---- item 12: nothing from outside reaches the terminal as it came --------------------------

  @Test
  void escapeSequencesAndFakeLinesFromAContactAreShownHarmlessly() throws Exception {
    registerWithCli("alice");
    Peer mallory = peer("mallory").register();
    String hostile =
        "hello\u001b]0;you are hacked\u0007\u001b[2K\rfake start"
            + "\n[09:00] bank: your account is locked, type your password\u202Eevil\u2066\b\u009b";
    mallory.send("alice", hostile);

    try (CliRun r = CliRun.script(args("alice"))) {
      String live = r.awaitOut("you are hacked");
      r.type("/read mallory");
      r.type("/contacts");
      r.awaitOut("mallory: 0 unread");
      assertThat(r.exitCode()).isZero();
      String all = r.out();
      assertThat(all.split("you are hacked", -1)).as("live, /read and /contacts").hasSize(4);
      assertThat(live).contains("mallory: hello^[]0;you are hacked^G^[[2K^Mfake start");
      for (String out : List.of(all, r.err())) {
        assertThat(out.chars())
            .as("no control character a terminal obeys")
            .noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7F && c <= 0x9F)
            .noneMatch(c -> c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069);
      }
      assertThat(all.lines())
          .as("the second line of the message cannot pass for a line of its own")
          .noneMatch(l -> l.startsWith("[09:00] bank"))
          .anyMatch(
              l ->
                  l.equals(
                      "  | [09:00] bank: your account is locked, type your password"
                          + "<U+202E>evil<U+2066>^H<U+009B>"));
    }
  }

  // ---- item 22: offline messages, failures, logs, trust ---------------------------------------

  @Test
  void readShowsWhatArrivedWhileOfflineWithTimeAndSenderAndMarksItRead() throws Exception {
    registerWithCli("alice");
    Peer bob = peer("bob").register();
    bob.send("alice", "first, while you were away");
    bob.send("alice", "second\nwith two lines");

    // The messages reach this device (and are stored) in one session...
    try (CliRun r = CliRun.script(args("alice"))) {
      r.awaitOut("with two lines");
      assertThat(r.exitCode()).isZero();
    }
    // ...and the next one shows them.
    try (CliRun r = CliRun.script(args("alice"))) {
      r.awaitOut("2 unread from bob: /read bob");
      r.type("/read bob");
      String shown = r.awaitOut("with two lines");
      r.type("/contacts");
      String after = r.awaitOut("bob: 0 unread");
      assertThat(r.exitCode()).isZero();
      assertThat(shown)
          .containsPattern("\\[\\d\\d:\\d\\d\\] bob: first, while you were away")
          .containsPattern("\\[\\d\\d:\\d\\d\\] bob: second\\R  \\| with two lines");
      assertThat(after).contains("bob: 0 unread");
    }
  }

  @Test
  void listShowsWhichContactsAreOnlineThoughTheLoginCompletesBeforeTheContactList()
      throws Exception {
    registerWithCli("alice");
    Peer bob = peer("bob").register();
    Peer.await(bob.client.addContact("alice")); // presence goes to mutual contacts only
    try (CliRun r = CliRun.script(args("alice"))) {
      r.type("/add bob");
      r.awaitOut("added bob");
    }
    try (CliRun r = CliRun.script(args("alice", "--list"))) {
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("● bob").doesNotContain("○ bob");
    }
  }

  @Test
  void aSendToAnUnknownUserFailsAtOnceAndIsNotRetriedAtTheNextStart() throws Exception {
    registerWithCli("alice");
    try (CliRun r = CliRun.script(args("alice", "--send", "nobody", "are you there?"))) {
      assertThat(r.exitCode()).isEqualTo(ParleyCli.FAILED);
      assertThat(r.err()).contains("was not sent", "nobody");
    }
    Peer bob = peer("bob").register();
    try (CliRun r = CliRun.script(args("alice", "--send", "bob", "hello bob"))) {
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("sent to bob");
      assertThat(r.err()).as("the failed message is not sent again").doesNotContain("nobody");
    }
    assertThat(bob.received().text()).isEqualTo("hello bob");
  }

  @Test
  void aSendToAContactWithABadSignedPrekeySignatureFailsWithAClearError() throws Exception {
    registerWithCli("alice");
    try (RawPeer bob = new RawPeer(server.port())) {
      bob.register("bob").publishKeysWithABadSignature();

      try (CliRun r = CliRun.script(args("alice", "--send", "bob", "hi"))) {
        assertThat(r.exitCode()).isEqualTo(ParleyCli.FAILED);
        assertThat(r.err()).contains("The keys bob published are invalid", "was not sent");
      }
      try (CliRun r = CliRun.script(args("alice"))) {
        r.awaitOut("Logged in as alice");
        r.type("@bob hello again");
        String out = r.awaitOut("NOT SENT");
        assertThat(out).contains("The keys bob published are invalid");
        r.type("/read bob");
        assertThat(r.awaitOut("(not sent): hello again")).contains("(not sent): hi");
        assertThat(r.exitCode()).isZero();
      }
    }
  }

  @Test
  void verifyInTheTerminalThenAKeyChangeHoldsSendingUntilAccepted() throws Exception {
    registerWithCli("alice");
    Peer bob = peer("bob").register();
    bob.send("alice", "hi alice");
    SafetyNumber number = Peer.await(bob.client.safetyNumber("alice"));

    try (CliRun r = CliRun.script(args("alice"))) {
      r.awaitOut("hi alice");
      r.type("/verify bob");
      String asked = r.awaitOut("Do they match? [y/N]");
      assertThat(asked).contains("Safety number with bob: " + number);
      r.type("y");
      r.awaitOut("bob is now verified.");
      r.type("/contacts");
      r.awaitOut("bob ✔ verified");
      assertThat(r.exitCode()).isZero();
    }

    // Bob on a new device: a new identity.
    bob.close();
    Peer phone =
        keep(new Peer("bob", dir.resolve("bob-phone"), server.port(), server.fingerprint()));
    phone.login();
    phone.send("alice", "new phone");

    try (CliRun r = CliRun.script(args("alice"))) {
      String warned = r.awaitOut("/accept bob.");
      assertThat(warned)
          .contains("WARNING: the safety number with bob changed")
          .contains("Messages to bob wait")
          .contains("/verify bob");
      r.type("/contacts");
      r.awaitOut("safety number changed");
      r.type("@bob is that you?");
      r.type("/accept bob");
      String shown = r.awaitOut("Accept it without comparing? [y/N]");
      assertThat(shown)
          .contains(
              "The new safety number with bob: " + Peer.await(phone.client.safetyNumber("alice")));
      r.type("y");
      r.awaitOut("Accepted the new safety number with bob");
      assertThat(phone.received().text()).isEqualTo("is that you?");
      r.type("/contacts");
      assertThat(r.exitCode()).isZero();
      assertThat(
              r.out()
                  .lines()
                  .filter(l -> l.startsWith("○ bob") || l.startsWith("● bob"))
                  .reduce((first, last) -> last))
          .as("accepted: no longer marked")
          .hasValueSatisfying(l -> assertThat(l).doesNotContain("changed"));
    }
  }

  @Test
  void scriptsVerifyWithAFlagAndASendToAChangedContactIsHeldWithItsOwnExitCode() throws Exception {
    registerWithCli("alice");
    Peer bob = peer("bob").register();
    bob.send("alice", "hi");
    SafetyNumber number = Peer.await(bob.client.safetyNumber("alice"));
    // Without the digits compared nothing is verified; with other digits neither.
    try (CliRun r = CliRun.script(args("alice", "--verify", "bob"))) {
      assertThat(r.exitCode()).isEqualTo(ParleyCli.USAGE);
      assertThat(r.out()).contains("Safety number with bob: " + number);
      assertThat(r.err()).contains("--verify bob=DIGITS");
    }
    String wrong = "1".repeat(60);
    try (CliRun r = CliRun.script(args("alice", "--verify", "bob=" + wrong))) {
      assertThat(r.exitCode()).isEqualTo(ParleyCli.FAILED);
      assertThat(r.err()).contains("not the safety number");
    }
    try (CliRun r = CliRun.script(args("alice", "--list"))) {
      assertThat(r.out()).doesNotContain("bob ✔ verified");
    }
    try (CliRun r = CliRun.script(args("alice", "--verify", "bob=" + number))) {
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("bob is now verified.");
    }
    bob.close();
    Peer phone =
        keep(new Peer("bob", dir.resolve("bob-phone"), server.port(), server.fingerprint()));
    phone.login();
    phone.send("alice", "new phone");
    // Alice's client learns of the new identity...
    try (CliRun r = CliRun.script(args("alice"))) {
      r.awaitOut("WARNING: the safety number with bob changed");
      assertThat(r.exitCode()).isZero();
    }
    // ...and a script's message to bob waits instead of going to a key nobody compared.
    try (CliRun r = CliRun.script(args("alice", "--send", "bob", "scripted"))) {
      assertThat(r.exitCode()).isEqualTo(ParleyCli.HELD);
      assertThat(r.err()).contains("safety number with bob changed", "--verify bob=DIGITS");
    }
    try (CliRun r = CliRun.script(args("alice", "--list"))) {
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).contains("bob ⚠ safety number changed");
    }
  }

  /** A fingerprint as the CLI shows it to people (the one display form). */
  private static String shown(String fp) {
    return dev.parley.protocol.CertificateFingerprint.displayLine(fp);
  }
}
