package dev.parley.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The server-certificate fingerprint every Parley peer uses: SHA-256 of the certificate's DER
 * encoding. On the wire, in pins and in TXT records it is 32 upper-case hex pairs joined by ':'
 * (the form {@code openssl x509 -fingerprint -sha256} prints); to people it is always shown by
 * {@link #display} (or {@link #displayLine} where one line is needed), and anything they type is
 * read back by {@link #normalise}.
 */
public final class CertificateFingerprint {
  private static final Pattern FORMAT = Pattern.compile("([0-9A-F]{2}:){31}[0-9A-F]{2}");

  private CertificateFingerprint() {}

  /** The fingerprint of a DER-encoded certificate. */
  public static String of(byte[] derCertificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(derCertificate);
      return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** True when {@code s} has the exact fingerprint format. */
  public static boolean isWellFormed(String s) {
    return s != null && FORMAT.matcher(s).matches();
  }

  /** Normalises a user-typed fingerprint (any case, ':' or no separators); null if malformed. */
  public static String normalise(String s) {
    if (s == null) {
      return null;
    }
    String hex = s.replaceAll("[\\s:]", "").toUpperCase(Locale.ROOT);
    if (!hex.matches("[0-9A-F]{64}")) {
      return null;
    }
    return HexFormat.ofDelimiter(":")
        .formatHex(HexFormat.of().parseHex(hex))
        .toUpperCase(Locale.ROOT);
  }

  /** Pairs per line in {@link #display}. */
  private static final int PAIRS_PER_LINE = 8;

  /**
   * The one form a fingerprint is shown to people in: 32 upper-case hex pairs separated by spaces,
   * in 4 lines of 8 (easy to compare aloud). Accepts any form {@link #normalise} reads; anything
   * else is returned unchanged.
   */
  public static String display(String fingerprint) {
    String fp = normalise(fingerprint);
    if (fp == null) {
      return fingerprint;
    }
    String[] pairs = fp.split(":");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < pairs.length; i++) {
      s.append(pairs[i]);
      if (i < pairs.length - 1) {
        s.append(i % PAIRS_PER_LINE == PAIRS_PER_LINE - 1 ? '\n' : ' ');
      }
    }
    return s.toString();
  }

  /** {@link #display} on one line (logs, terminals, the clipboard): the same pairs and spaces. */
  public static String displayLine(String fingerprint) {
    return display(fingerprint).replace('\n', ' ');
  }
}
