package dev.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Our wrappers against the published test vectors. */
class PrimitiveVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void hkdfRfc5869Case1() {
    byte[] okm =
        Hkdf.derive(
            HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            HEX.parseHex("000102030405060708090a0b0c"),
            HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"),
            42);
    assertThat(HEX.formatHex(okm))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void hkdfRfc5869Case2WithLongInputsAndThreeBlocks() {
    byte[] okm = Hkdf.derive(range(0x00, 80), range(0x60, 80), range(0xb0, 80), 82);
    assertThat(HEX.formatHex(okm))
        .isEqualTo(
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
  }

  private static byte[] range(int first, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  @Test
  void hkdfRfc5869Case3WithoutSaltOrInfo() {
    byte[] okm =
        Hkdf.derive(
            HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), null, new byte[0], 42);
    assertThat(HEX.formatHex(okm))
        .isEqualTo(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void x25519Rfc7748Section5Vector() {
    byte[] out =
        X25519.agree(
            HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
            HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
    assertThat(HEX.formatHex(out))
        .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  }

  @Test
  void x25519Rfc7748Section6AliceAndBob() {
    byte[] alicePriv =
        HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bobPriv =
        HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    byte[] alicePub = X25519.publicKeyOf(alicePriv);
    byte[] bobPub = X25519.publicKeyOf(bobPriv);
    assertThat(HEX.formatHex(alicePub))
        .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    assertThat(HEX.formatHex(bobPub))
        .isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertThat(HEX.formatHex(X25519.agree(alicePriv, bobPub))).isEqualTo(shared);
    assertThat(HEX.formatHex(X25519.agree(bobPriv, alicePub))).isEqualTo(shared);
  }

  @Test
  void generatedKeyPairsAgreeAndRawKeysRoundTrip() {
    KeyPairBytes a = X25519.generate();
    KeyPairBytes b = X25519.generate();
    assertThat(X25519.publicKeyOf(a.privateKey())).isEqualTo(a.publicKey());
    assertThat(X25519.agree(a.privateKey(), b.publicKey()))
        .isEqualTo(X25519.agree(b.privateKey(), a.publicKey()));
  }

  @Test
  void x25519AgreesWithTheJdksForKeysTheJdkMade() throws Exception {
    // Keys stored before X25519 moved to BouncyCastle were made by the JDK: they must still work.
    java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("X25519");
    for (int i = 0; i < 20; i++) {
      java.security.KeyPair jdk = gen.generateKeyPair();
      java.security.KeyPair other = gen.generateKeyPair();
      byte[] priv = lastBytes(jdk.getPrivate().getEncoded());
      byte[] otherPub = lastBytes(other.getPublic().getEncoded());
      assertThat(X25519.publicKeyOf(priv)).isEqualTo(lastBytes(jdk.getPublic().getEncoded()));
      javax.crypto.KeyAgreement ka = javax.crypto.KeyAgreement.getInstance("XDH");
      ka.init(jdk.getPrivate());
      ka.doPhase(other.getPublic(), true);
      assertThat(X25519.agree(priv, otherPub)).isEqualTo(ka.generateSecret());
    }
  }

  /** The raw key at the end of a JDK X25519 key's fixed-length DER encoding. */
  private static byte[] lastBytes(byte[] der) {
    return java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
  }

  @Test
  void x25519RejectsALowOrderPoint() {
    assertThatThrownBy(() -> X25519.agree(X25519.generate().privateKey(), new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ed25519SignsAndRejectsTampering() {
    KeyPairBytes k = Ed25519.generate();
    byte[] msg = "signed prekey".getBytes();
    byte[] sig = Ed25519.sign(k.privateKey(), msg);
    assertThat(Ed25519.verify(k.publicKey(), msg, sig)).isTrue();
    sig[5] ^= 1;
    assertThat(Ed25519.verify(k.publicKey(), msg, sig)).isFalse();
    assertThat(
            Ed25519.verify(Ed25519.generate().publicKey(), msg, Ed25519.sign(k.privateKey(), msg)))
        .isFalse();
    assertThat(Ed25519.verify(k.publicKey(), msg, new byte[3])).isFalse();
  }

  @Test
  void keyPairToStringNeverShowsThePrivateKey() {
    KeyPairBytes k = X25519.generate();
    assertThat(k.toString()).doesNotContain(HEX.formatHex(k.privateKey()));
  }
}
