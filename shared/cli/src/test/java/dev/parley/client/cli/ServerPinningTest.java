package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerTrustException;
import dev.parley.protocol.CertificateFingerprint;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerPinningTest {
  static final ServerAddress HOST = new ServerAddress("chat.lan", 5417);
  static final String A = fp('A');
  static final String B = fp('B');
  static final String C = fp('C');

  static String fp(char c) {
    return String.join(":", java.util.Collections.nCopies(32, "" + c + c));
  }

  static int exitOf(ThrowingRunnable r) {
    try {
      r.run();
    } catch (CliFailure f) {
      return f.exitCode();
    }
    throw new AssertionError("no failure");
  }

  interface ThrowingRunnable {
    void run() throws CliFailure;
  }

  @Test
  void firstContactAsksUnlessTheGivenFingerprintIsPresented() throws Exception {
    ServerTrustException first = new ServerTrustException(HOST, null, A);
    assertThat(new ServerPinning(HOST, null, null).onUntrusted(first))
        .isEqualTo(ServerPinning.Action.ASK);
    // Typed in any case and without colons, it is the same fingerprint.
    String typed = A.replace(":", "").toLowerCase();
    assertThat(new ServerPinning(HOST, typed, null).onUntrusted(first))
        .isEqualTo(ServerPinning.Action.PIN);
    assertThat(exitOf(() -> new ServerPinning(HOST, B, null).onUntrusted(first)))
        .as("another certificate than the one given: nothing pinned")
        .isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
  }

  @Test
  void acceptFingerprintNeverReplacesAnotherPin() throws Exception {
    new ServerPinning(HOST, A, null).checkFlags(Optional.empty());
    new ServerPinning(HOST, A, null).checkFlags(Optional.of(A));
    assertThat(exitOf(() -> new ServerPinning(HOST, B, null).checkFlags(Optional.of(A))))
        .isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
  }

  @Test
  void aChangedCertificateIsRefusedAndNeverOfferedForAcceptance() {
    ServerTrustException changed = new ServerTrustException(HOST, A, B);
    assertThat(exitOf(() -> new ServerPinning(HOST, null, null).onUntrusted(changed)))
        .isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
    // --accept-fingerprint alone does not replace it, even naming the presented one.
    assertThat(exitOf(() -> new ServerPinning(HOST, B, null).onUntrusted(changed)))
        .isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
    assertThatThrownBy(() -> new ServerPinning(HOST, null, null).onUntrusted(changed))
        .isInstanceOfSatisfying(
            CliFailure.class,
            f ->
                assertThat(String.join("\n", f.lines()))
                    .contains(
                        "CHANGED",
                        CertificateFingerprint.displayLine(A),
                        CertificateFingerprint.displayLine(B),
                        "--replace-fingerprint '" + CertificateFingerprint.displayLine(A) + "'"));
  }

  @Test
  void onlyTheReplaceFlagNamingTheCurrentPinReplacesIt() throws Exception {
    ServerTrustException changed = new ServerTrustException(HOST, A, B);
    ServerPinning replace = new ServerPinning(HOST, B, A);
    replace.checkFlags(Optional.of(A));
    assertThat(replace.onUntrusted(changed)).isEqualTo(ServerPinning.Action.PIN);

    assertThat(exitOf(() -> new ServerPinning(HOST, B, C).checkFlags(Optional.of(A))))
        .as("OLD is not the current pin")
        .isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
    assertThat(exitOf(() -> new ServerPinning(HOST, C, A).onUntrusted(changed)))
        .as("the server presents another NEW than the one named")
        .isEqualTo(ParleyCli.CERTIFICATE_MISMATCH);
    assertThat(exitOf(() -> new ServerPinning(HOST, B, A).checkFlags(Optional.empty())))
        .as("nothing pinned to replace")
        .isEqualTo(ParleyCli.USAGE);
    assertThat(exitOf(() -> new ServerPinning(HOST, null, A)))
        .as("OLD without NEW")
        .isEqualTo(ParleyCli.USAGE);
    assertThat(exitOf(() -> new ServerPinning(HOST, "12:34", null)))
        .as("not a fingerprint")
        .isEqualTo(ParleyCli.USAGE);
  }

  @Test
  void withoutATerminalFirstContactFailsWithItsOwnExitCodeAndNoOneSaidYes() {
    ServerTrustException first = new ServerTrustException(HOST, null, A);
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Screen screen =
        new Screen(
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
            new java.io.PrintStream(err));
    assertThat(exitOf(() -> ServerPinning.confirmFirstContact(first, Optional.empty(), screen)))
        .isEqualTo(ParleyCli.UNTRUSTED);
    assertThat(
            exitOf(
                () ->
                    ServerPinning.confirmFirstContact(first, Optional.of(answering("n")), screen)))
        .isEqualTo(ParleyCli.UNTRUSTED);
    assertThat(
            exitOf(
                () ->
                    ServerPinning.confirmFirstContact(first, Optional.of(answering(null)), screen)))
        .isEqualTo(ParleyCli.UNTRUSTED);
  }

  @Test
  void yesOnTheTerminalTrustsAFirstContact() throws Exception {
    ServerTrustException first = new ServerTrustException(HOST, null, A);
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Screen screen =
        new Screen(
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    ServerPinning.confirmFirstContact(first, Optional.of(answering(" Y ")), screen);
    // Shown the way every Parley screen shows a fingerprint (pairs separated by spaces).
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(CertificateFingerprint.displayLine(A));
  }

  private static CliIo.Terminal answering(String answer) {
    return new CliIo.Terminal() {
      @Override
      public String readLine(String prompt) {
        return answer;
      }

      @Override
      public char[] readPassword(String prompt) {
        return null;
      }
    };
  }
}
