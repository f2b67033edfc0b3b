package dev.parley.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The server-certificate fingerprint every Parley peer uses: SHA-256 of the certificate's DER
 * encoding as 32 upper-case hex pairs joined by ':' (the form {@code openssl x509 -fingerprint
 * -sha256} prints).
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
}
