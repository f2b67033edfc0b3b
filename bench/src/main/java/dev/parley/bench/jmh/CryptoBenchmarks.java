package dev.parley.bench.jmh;

import dev.parley.crypto.E2eSessions;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.KeyStoreFile;
import dev.parley.crypto.OneTimePreKey;
import dev.parley.crypto.PreKeyBundle;
import dev.parley.crypto.SignedPreKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The end-to-end layer's costs: per message, per ratchet step, per session, per unlock. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class CryptoBenchmarks {
  private static final byte[] MESSAGE_200 = new byte[200];

  private KeyStoreContents aliceStore;
  private KeyStoreContents bobStore;
  private E2eSessions alice;
  private E2eSessions bob;
  private Path keyStoreFile;
  private final char[] password = "Bench-Password-1".toCharArray();

  /** Two parties with an established session (both directions used once). */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    aliceStore = KeyStoreContents.createNew(0);
    bobStore = KeyStoreContents.createNew(0);
    alice = new E2eSessions(aliceStore);
    bob = new E2eSessions(bobStore);
    alice.startSession("bob", bundle(bobStore));
    bob.decrypt("alice", alice.encrypt("bob", MESSAGE_200));
    alice.decrypt("bob", bob.encrypt("alice", MESSAGE_200));
    keyStoreFile = Files.createTempFile("parley-bench", ".pks");
    KeyStoreFile.create(keyStoreFile, password, bobStore);
  }

  /** Removes the temporary key store. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    Files.deleteIfExists(keyStoreFile);
  }

  private static PreKeyBundle bundle(KeyStoreContents store) {
    SignedPreKey spk = store.currentSignedPreKey();
    OneTimePreKey opk = store.unusedOneTimePreKeys().get(0);
    return new PreKeyBundle(
        store.identity().publicKey(),
        spk.id(),
        spk.key().publicKey(),
        spk.signature(),
        opk.id(),
        opk.key().publicKey());
  }

  /** Encrypt and decrypt a 200-byte message in the same chain (no DH step). */
  @Benchmark
  public byte[] encryptDecrypt200Bytes() throws Exception {
    return bob.decrypt("alice", alice.encrypt("bob", MESSAGE_200)).plaintext();
  }

  /** A change of direction both ways: two DH ratchet steps plus two messages. */
  @Benchmark
  public byte[] ratchetStepRoundTrip() throws Exception {
    bob.decrypt("alice", alice.encrypt("bob", MESSAGE_200));
    return alice.decrypt("bob", bob.encrypt("alice", MESSAGE_200)).plaintext();
  }

  /** A fresh responder for each X3DH measurement (its key generation is not measured). */
  @State(Scope.Thread)
  public static class Responder {
    KeyStoreContents store;

    /** New identity and prekeys before every invocation. */
    @Setup(Level.Invocation)
    public void fresh() {
      store = KeyStoreContents.createNew(0);
    }
  }

  /** X3DH as initiator and responder, including the first message. */
  @Benchmark
  public byte[] x3dhSessionSetUp(Responder responder) throws Exception {
    E2eSessions initiator = new E2eSessions(aliceStore);
    initiator.startSession("fresh", bundle(responder.store));
    return new E2eSessions(responder.store)
        .decrypt("alice", initiator.encrypt("fresh", MESSAGE_200))
        .plaintext();
  }

  /** Opening the sealed key store with the production PBKDF2 cost (600,000 iterations). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Object keyStoreUnlock() throws Exception {
    return KeyStoreFile.open(keyStoreFile, password).contents();
  }

  /**
   * The credential a client derives at every login and registration instead of sending the password
   * (PBKDF2-HMAC-SHA256 × 600,000).
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public String authKeyDerivation() {
    return dev.parley.protocol.AuthKey.derive("alice", password);
  }
}
