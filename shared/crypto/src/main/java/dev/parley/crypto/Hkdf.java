package dev.parley.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869) from BouncyCastle's lightweight API; no JCA provider is registered. */
public final class Hkdf {
  private Hkdf() {}

  /** Extract-and-expand {@code length} bytes; a null salt means HashLen zero bytes. */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator gen = new HKDFBytesGenerator(new SHA256Digest());
    gen.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    gen.generateBytes(out, 0, length);
    return out;
  }
}
