package dev.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreFileTest {
  private static final int FAST = KeyStoreFile.MIN_ITERATIONS;
  private static final char[] PASSWORD = "Correct-Horse-9".toCharArray();

  @TempDir Path dir;

  @Test
  void productionDefaultIsAtLeast600kIterations() {
    assertThat(KeyStoreFile.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
  }

  @Test
  void survivesARestartWithSessionsAndPrekeys() throws Exception {
    Path file = dir.resolve("keys.pks");
    Parties p = new Parties().aliceStarts(true);
    p.bob.decrypt("alice", p.alice.encrypt("bob", Parties.utf8("before restart")));
    KeyStoreFile.create(file, PASSWORD, p.bobStore, FAST);
    KeyStoreFile reopened = KeyStoreFile.open(file, PASSWORD);
    KeyStoreContents c = reopened.contents();
    assertThat(c.identity()).isEqualTo(p.bobStore.identity());
    assertThat(c.localDataKey()).isEqualTo(p.bobStore.localDataKey());
    assertThat(c.oneTimePreKeyCount()).isEqualTo(p.bobStore.oneTimePreKeyCount());
    assertThat(c.currentSignedPreKey()).isEqualTo(p.bobStore.currentSignedPreKey());
    E2eSessions bob = new E2eSessions(c);
    assertThat(
            Parties.text(
                bob.decrypt("alice", p.alice.encrypt("bob", Parties.utf8("after restart")))))
        .isEqualTo("after restart");
    assertThat(reopened.iterations()).isEqualTo(FAST);
  }

  @Test
  void wrongPasswordAndCorruptionAreDistinct() throws Exception {
    Path file = dir.resolve("keys.pks");
    KeyStoreFile.create(file, PASSWORD, KeyStoreContents.createNew(0), FAST);
    assertThatThrownBy(() -> KeyStoreFile.open(file, "Wrong-Pass-1".toCharArray()))
        .isInstanceOf(WrongPasswordException.class);

    byte[] good = Files.readAllBytes(file);
    byte[] flipped = good.clone();
    flipped[flipped.length - 40] ^= 1;
    Files.write(file, flipped);
    assertThatThrownBy(() -> KeyStoreFile.open(file, PASSWORD))
        .isInstanceOf(CorruptKeyStoreException.class);

    Files.write(file, Arrays.copyOf(good, good.length / 2));
    assertThatThrownBy(() -> KeyStoreFile.open(file, PASSWORD))
        .isInstanceOf(CorruptKeyStoreException.class);

    Files.write(file, Arrays.copyOf(good, 20));
    assertThatThrownBy(() -> KeyStoreFile.open(file, PASSWORD))
        .isInstanceOf(CorruptKeyStoreException.class)
        .hasMessageContaining("truncated");

    Files.writeString(file, "not a key store at all, just some text that is long enough....");
    assertThatThrownBy(() -> KeyStoreFile.open(file, PASSWORD))
        .isInstanceOf(CorruptKeyStoreException.class);

    byte[] future = good.clone();
    future[8] = 99;
    Files.write(file, future);
    assertThatThrownBy(() -> KeyStoreFile.open(file, PASSWORD))
        .isInstanceOf(CorruptKeyStoreException.class)
        .hasMessageContaining("version");
  }

  @Test
  void changePasswordReseals() throws Exception {
    Path file = dir.resolve("keys.pks");
    KeyStoreFile ks = KeyStoreFile.create(file, PASSWORD, KeyStoreContents.createNew(0), FAST);
    ks.changePassword("New-Password-2".toCharArray());
    assertThatThrownBy(() -> KeyStoreFile.open(file, PASSWORD))
        .isInstanceOf(WrongPasswordException.class);
    assertThat(KeyStoreFile.open(file, "New-Password-2".toCharArray()).contents().identity())
        .isEqualTo(ks.contents().identity());
  }

  @Test
  void aFailedWriteLeavesThePreviousStoreIntact() throws Exception {
    Path file = dir.resolve("keys.pks");
    KeyStoreFile ks = KeyStoreFile.create(file, PASSWORD, KeyStoreContents.createNew(0), FAST);
    byte[] before = Files.readAllBytes(file);
    // Make the folder read-only so the temporary file cannot be created (root ignores modes,
    // so fall back to replacing the folder entry the temp file would go into).
    Path blocked = dir.resolve("blocked");
    Files.createDirectories(blocked);
    Path inBlocked = blocked.resolve("keys.pks");
    Files.write(inBlocked, before);
    KeyStoreFile moved = KeyStoreFile.open(inBlocked, PASSWORD);
    Files.delete(inBlocked);
    Files.delete(blocked);
    Files.writeString(blocked, "a file where the folder was");
    assertThatThrownBy(moved::save).isInstanceOf(java.io.IOException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    ks.save();
    assertThat(KeyStoreFile.open(file, PASSWORD).contents().identity())
        .isEqualTo(ks.contents().identity());
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void theFileContainsNoKeyMaterialOrPasswordInClear() throws Exception {
    Path file = dir.resolve("keys.pks");
    KeyStoreContents c = KeyStoreContents.createNew(0);
    KeyStoreFile.create(file, PASSWORD, c, FAST);
    String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain(new String(PASSWORD));
    assertThat(raw)
        .doesNotContain(new String(c.identity().dh().privateKey(), StandardCharsets.ISO_8859_1));
    assertThat(raw).doesNotContain(new String(c.localDataKey(), StandardCharsets.ISO_8859_1));
  }

  @Test
  void localDataCipherSealsAndRejectsTampering() throws Exception {
    byte[] key = KeyStoreContents.createNew(0).localDataKey();
    LocalDataCipher cipher = new LocalDataCipher(key);
    byte[] ad = "message:42".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = cipher.seal("history text".getBytes(StandardCharsets.UTF_8), ad);
    assertThat(new String(cipher.open(sealed, ad), StandardCharsets.UTF_8))
        .isEqualTo("history text");
    assertThat(cipher.seal(new byte[] {1}, ad)).isNotEqualTo(cipher.seal(new byte[] {1}, ad));
    byte[] bad = sealed.clone();
    bad[bad.length - 1] ^= 1;
    assertThatThrownBy(() -> cipher.open(bad, ad)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> cipher.open(sealed, "message:43".getBytes()))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> cipher.open(new byte[5], ad)).isInstanceOf(CryptoException.class);
  }

  @Test
  void signedPrekeyRotationKeepsTheOldOneForInFlightMessages() throws Exception {
    Parties p = new Parties();
    PreKeyBundle oldBundle = Parties.bundleOf(p.bobStore, true);
    p.bobStore.rotateSignedPreKey(System.currentTimeMillis());
    assertThat(p.bobStore.currentSignedPreKey().id()).isNotEqualTo(oldBundle.signedPreKeyId());
    p.alice.startSession("bob", oldBundle);
    assertThat(
            Parties.text(p.bob.decrypt("alice", p.alice.encrypt("bob", Parties.utf8("old spk")))))
        .isEqualTo("old spk");
    // Far in the future, old signed prekeys are gone.
    p.bobStore.rotateSignedPreKey(
        System.currentTimeMillis() + 2 * KeyStoreContents.SIGNED_PREKEY_GRACE_MILLIS);
    assertThat(p.bobStore.signedPreKey(oldBundle.signedPreKeyId())).isEmpty();
  }
}
