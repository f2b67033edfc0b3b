package dev.parley.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Signal's numeric fingerprint: each side's identity key and stable id hashed with 5200 iterations
 * of SHA-512 into 30 digits; the two halves sorted and joined give the same 60 digits on both ends.
 */
public final class SafetyNumber {
  private static final int ITERATIONS = 5200;
  private static final byte[] VERSION = {0, 0};

  private final String digits;

  private SafetyNumber(String digits) {
    this.digits = digits;
  }

  /** The safety number of a conversation between the two named identities. */
  public static SafetyNumber of(
      String localId, IdentityPublicKey localKey, String remoteId, IdentityPublicKey remoteKey) {
    String local = half(localId, localKey);
    String remote = half(remoteId, remoteKey);
    return new SafetyNumber(local.compareTo(remote) <= 0 ? local + remote : remote + local);
  }

  private static String half(String stableId, IdentityPublicKey key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-512");
      byte[] publicKey = key.encoded();
      byte[] hash =
          sha.digest(Bytes.concat(VERSION, publicKey, stableId.getBytes(StandardCharsets.UTF_8)));
      for (int i = 1; i < ITERATIONS; i++) {
        sha.update(hash);
        hash = sha.digest(publicKey);
      }
      StringBuilder out = new StringBuilder(30);
      for (int chunk = 0; chunk < 6; chunk++) {
        long v = 0;
        for (int b = 0; b < 5; b++) {
          v = (v << 8) | (hash[chunk * 5 + b] & 0xFFL);
        }
        out.append(String.format("%05d", v % 100_000));
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 unavailable", e);
    }
  }

  /** The 60 digits. */
  public String digits() {
    return digits;
  }

  /** The 12 groups of 5 digits, as users compare them. */
  public List<String> groups() {
    List<String> groups = new ArrayList<>(12);
    for (int i = 0; i < 60; i += 5) {
      groups.add(digits.substring(i, i + 5));
    }
    return List.copyOf(groups);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SafetyNumber s && s.digits.equals(digits);
  }

  @Override
  public int hashCode() {
    return digits.hashCode();
  }

  /** The groups separated by spaces. */
  @Override
  public String toString() {
    return String.join(" ", groups());
  }
}
