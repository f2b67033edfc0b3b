package dev.parley.crypto;

/** Two devices with key stores and a way to hand out bundles the way the server does. */
final class Parties {
  final KeyStoreContents aliceStore = KeyStoreContents.createNew(System.currentTimeMillis());
  final KeyStoreContents bobStore = KeyStoreContents.createNew(System.currentTimeMillis());
  final E2eSessions alice = new E2eSessions(aliceStore);
  final E2eSessions bob = new E2eSessions(bobStore);

  /** Bob's bundle as the server would hand it out, with or without a one-time prekey. */
  static PreKeyBundle bundleOf(KeyStoreContents store, boolean withOneTime) {
    SignedPreKey spk = store.currentSignedPreKey();
    OneTimePreKey opk = withOneTime ? store.unusedOneTimePreKeys().get(0) : null;
    return new PreKeyBundle(
        store.identity().publicKey(),
        spk.id(),
        spk.key().publicKey(),
        spk.signature(),
        opk == null ? null : opk.id(),
        opk == null ? null : opk.key().publicKey());
  }

  /** Alice has started a session with Bob (Bob has not heard anything yet). */
  Parties aliceStarts(boolean withOneTime) throws Exception {
    alice.startSession("bob", bundleOf(bobStore, withOneTime));
    return this;
  }

  static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static String text(Decrypted d) {
    return new String(d.plaintext(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
