package dev.parley.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The X3DH key agreement (Signal's specification) on X25519 with HKDF-SHA256. */
public final class X3dh {
  private static final byte[] INFO = "Parley X3DH v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] F = filled(32, (byte) 0xFF);

  private X3dh() {}

  /** What both sides derive: the shared secret and the associated data binding both identities. */
  public record Agreement(byte[] sharedSecret, byte[] associatedData) {}

  /** What the initiator derives and must send along with its first message. */
  public record Initiation(Agreement agreement, KeyPairBytes ephemeral) {}

  /** Runs X3DH as the initiator against a verified bundle. */
  public static Initiation initiate(IdentityKeyPair me, PreKeyBundle bundle)
      throws InvalidBundleException {
    bundle.verify();
    KeyPairBytes ek = X25519.generate();
    byte[] ekPriv = ek.privateKey();
    byte[] dh1 = X25519.agree(me.dh().privateKey(), bundle.signedPreKey());
    byte[] dh2 = X25519.agree(ekPriv, bundle.identity().dh());
    byte[] dh3 = X25519.agree(ekPriv, bundle.signedPreKey());
    byte[] dh4 =
        bundle.oneTimePreKey() == null ? new byte[0] : X25519.agree(ekPriv, bundle.oneTimePreKey());
    byte[] sk = kdf(dh1, dh2, dh3, dh4);
    byte[] ad = Bytes.concat(me.publicKey().encoded(), bundle.identity().encoded());
    Bytes.wipe(ekPriv);
    return new Initiation(new Agreement(sk, ad), ek);
  }

  /** Runs X3DH as the responder with the prekeys the initiator named. */
  public static Agreement respond(
      IdentityKeyPair me,
      SignedPreKey signedPreKey,
      OneTimePreKey oneTimePreKey,
      IdentityPublicKey initiator,
      byte[] initiatorEphemeral) {
    byte[] spkPriv = signedPreKey.key().privateKey();
    byte[] dh1 = X25519.agree(spkPriv, initiator.dh());
    byte[] dh2 = X25519.agree(me.dh().privateKey(), initiatorEphemeral);
    byte[] dh3 = X25519.agree(spkPriv, initiatorEphemeral);
    byte[] dh4 =
        oneTimePreKey == null
            ? new byte[0]
            : X25519.agree(oneTimePreKey.key().privateKey(), initiatorEphemeral);
    byte[] sk = kdf(dh1, dh2, dh3, dh4);
    byte[] ad = Bytes.concat(initiator.encoded(), me.publicKey().encoded());
    Bytes.wipe(spkPriv);
    return new Agreement(sk, ad);
  }

  private static byte[] kdf(byte[] dh1, byte[] dh2, byte[] dh3, byte[] dh4) {
    byte[] km = Bytes.concat(F, dh1, dh2, dh3, dh4);
    try {
      return Hkdf.derive(km, new byte[32], INFO, 32);
    } finally {
      Bytes.wipe(km);
      Bytes.wipe(dh1);
      Bytes.wipe(dh2);
      Bytes.wipe(dh3);
      Bytes.wipe(dh4);
    }
  }

  private static byte[] filled(int n, byte b) {
    byte[] out = new byte[n];
    Arrays.fill(out, b);
    return out;
  }
}
