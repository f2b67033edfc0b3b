package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one form people see a fingerprint in, and reading it back. */
class CertificateFingerprintTest {
  static final String FP =
      "E2:AC:FD:A1:4E:1B:87:5F:F6:03:4F:15:31:09:5E:BA:99:4B:13:63:4C:5F:9E:F9:30:A2:B6:64:26:74:39:48";

  @Test
  void isShownAsFourLinesOfEightPairsAndReadBackFromAnyForm() {
    String shown = CertificateFingerprint.display(FP);
    assertThat(shown.split("\n"))
        .containsExactly(
            "E2 AC FD A1 4E 1B 87 5F",
            "F6 03 4F 15 31 09 5E BA",
            "99 4B 13 63 4C 5F 9E F9",
            "30 A2 B6 64 26 74 39 48");
    assertThat(CertificateFingerprint.display(FP.toLowerCase().replace(":", ""))).isEqualTo(shown);
    assertThat(CertificateFingerprint.displayLine(FP)).isEqualTo(shown.replace('\n', ' '));
    assertThat(CertificateFingerprint.normalise(shown)).isEqualTo(FP);
    assertThat(CertificateFingerprint.normalise(CertificateFingerprint.displayLine(FP)))
        .isEqualTo(FP);
  }
}
