package dev.parley.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything secret a device keeps for one account: identity, prekeys, sessions per peer and the
 * key that seals the local message history. Not thread-safe; the client core owns one instance.
 */
public final class KeyStoreContents {
  /** One-time prekeys created per batch. */
  public static final int PREKEY_BATCH = 100;

  /** How long a replaced signed prekey still answers first messages sent to it. */
  public static final long SIGNED_PREKEY_GRACE_MILLIS = 14L * 24 * 3600 * 1000;

  // Format 2 keeps several sessions per peer (format 1 kept one); both are read.
  private static final int FORMAT = 2;
  private static final int FORMAT_ONE_SESSION = 1;

  /**
   * Sessions kept per peer, newest first. When both sides start a key exchange at once, each ends
   * up answering the other's session while messages of its own are still in flight; keeping the
   * previous sessions lets every such message be read (as Signal's session records do).
   */
  static final int MAX_SESSIONS_PER_PEER = 5;

  private static final int MAX_SIGNED_PREKEYS = 4;

  private final IdentityKeyPair identity;
  private final byte[] localDataKey;
  private final TreeMap<Integer, SignedPreKey> signedPreKeys = new TreeMap<>();
  private final TreeMap<Integer, OneTimePreKey> oneTimePreKeys = new TreeMap<>();
  private final Map<String, List<RatchetSession>> sessions = new LinkedHashMap<>();
  private int nextSignedPreKeyId;
  private int nextOneTimePreKeyId;

  private KeyStoreContents(IdentityKeyPair identity, byte[] localDataKey) {
    this.identity = identity;
    this.localDataKey = localDataKey;
  }

  /** A new device identity with a signed prekey, one batch of one-time prekeys and a data key. */
  public static KeyStoreContents createNew(long nowMillis) {
    byte[] dataKey = new byte[32];
    new SecureRandom().nextBytes(dataKey);
    KeyStoreContents c = new KeyStoreContents(IdentityKeyPair.generate(), dataKey);
    c.nextSignedPreKeyId = 1;
    c.nextOneTimePreKeyId = 1;
    c.rotateSignedPreKey(nowMillis);
    c.generateOneTimePreKeys(PREKEY_BATCH);
    return c;
  }

  /** This device's identity. */
  public IdentityKeyPair identity() {
    return identity;
  }

  /** The 256-bit key that seals this account's local message history. */
  public byte[] localDataKey() {
    return localDataKey.clone();
  }

  /** The newest signed prekey. */
  public SignedPreKey currentSignedPreKey() {
    return signedPreKeys.lastEntry().getValue();
  }

  /** A signed prekey by id, if still kept. */
  public Optional<SignedPreKey> signedPreKey(int id) {
    return Optional.ofNullable(signedPreKeys.get(id));
  }

  /** Creates a new signed prekey, keeping recent old ones for first messages still in flight. */
  public SignedPreKey rotateSignedPreKey(long nowMillis) {
    SignedPreKey spk = SignedPreKey.generate(identity, nextSignedPreKeyId++, nowMillis);
    signedPreKeys.put(spk.id(), spk);
    signedPreKeys
        .headMap(spk.id())
        .values()
        .removeIf(old -> nowMillis - old.createdAtMillis() > SIGNED_PREKEY_GRACE_MILLIS);
    while (signedPreKeys.size() > MAX_SIGNED_PREKEYS) {
      signedPreKeys.pollFirstEntry();
    }
    return spk;
  }

  /** Creates {@code count} one-time prekeys with increasing ids and returns them. */
  public List<OneTimePreKey> generateOneTimePreKeys(int count) {
    List<OneTimePreKey> made = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      OneTimePreKey k = new OneTimePreKey(nextOneTimePreKeyId++, X25519.generate());
      oneTimePreKeys.put(k.id(), k);
      made.add(k);
    }
    return made;
  }

  /** A one-time prekey by id, if not yet used. */
  public Optional<OneTimePreKey> oneTimePreKey(int id) {
    return Optional.ofNullable(oneTimePreKeys.get(id));
  }

  void removeOneTimePreKey(int id) {
    oneTimePreKeys.remove(id);
  }

  /** Number of unused one-time prekeys this device holds. */
  public int oneTimePreKeyCount() {
    return oneTimePreKeys.size();
  }

  /** The public keys to upload: identity, current signed prekey and the given one-time prekeys. */
  public PublishedKeys publishedKeys(List<OneTimePreKey> oneTime) {
    SignedPreKey spk = currentSignedPreKey();
    return new PublishedKeys(
        identity.publicKey(),
        spk.id(),
        spk.key().publicKey(),
        spk.signature(),
        oneTime.stream()
            .map(k -> new PublishedKeys.OneTimePublic(k.id(), k.key().publicKey()))
            .toList());
  }

  /** All unused one-time prekeys, oldest first. */
  public List<OneTimePreKey> unusedOneTimePreKeys() {
    return List.copyOf(oneTimePreKeys.values());
  }

  /** The session messages to {@code peer} use: the newest, or the one that last decrypted. */
  Optional<RatchetSession> session(String peer) {
    List<RatchetSession> all = sessions.get(peer);
    return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every session kept with {@code peer}, current first. */
  List<RatchetSession> sessions(String peer) {
    return List.copyOf(sessions.getOrDefault(peer, List.of()));
  }

  /** Makes {@code session} the current one with {@code peer}, keeping a few older ones. */
  void putSession(String peer, RatchetSession session) {
    List<RatchetSession> all = sessions.computeIfAbsent(peer, k -> new ArrayList<>());
    all.remove(session);
    all.add(0, session);
    while (all.size() > MAX_SESSIONS_PER_PEER) {
      all.remove(all.size() - 1);
    }
  }

  /** Forgets the session with {@code peer} (the next message starts a new key exchange). */
  public void removeSession(String peer) {
    sessions.remove(peer);
  }

  /** Peers with a session, in no particular order. */
  public List<String> peers() {
    return Collections.unmodifiableList(new ArrayList<>(sessions.keySet()));
  }

  /** The complete contents, for sealing into the key-store file. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.write(identity.dh().publicKey());
      out.write(identity.dh().privateKey());
      out.write(identity.sign().publicKey());
      out.write(identity.sign().privateKey());
      out.write(localDataKey);
      out.writeInt(nextSignedPreKeyId);
      out.writeInt(nextOneTimePreKeyId);
      out.writeInt(signedPreKeys.size());
      for (SignedPreKey s : signedPreKeys.values()) {
        out.writeInt(s.id());
        out.write(s.key().publicKey());
        out.write(s.key().privateKey());
        out.write(s.signature());
        out.writeLong(s.createdAtMillis());
      }
      out.writeInt(oneTimePreKeys.size());
      for (OneTimePreKey k : oneTimePreKeys.values()) {
        out.writeInt(k.id());
        out.write(k.key().publicKey());
        out.write(k.key().privateKey());
      }
      out.writeInt(sessions.size());
      for (Map.Entry<String, List<RatchetSession>> e : sessions.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().size());
        for (RatchetSession session : e.getValue()) {
          byte[] state = session.toBytes();
          out.writeInt(state.length);
          out.write(state);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Restores contents saved by {@link #toBytes()}; throws IllegalArgumentException if corrupt. */
  public static KeyStoreContents fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readInt();
      if (format != FORMAT && format != FORMAT_ONE_SESSION) {
        throw new IllegalArgumentException("unknown key-store contents format");
      }
      IdentityKeyPair id =
          new IdentityKeyPair(
              new KeyPairBytes(read(in, 32), read(in, 32)),
              new KeyPairBytes(read(in, 32), read(in, 32)));
      KeyStoreContents c = new KeyStoreContents(id, read(in, 32));
      c.nextSignedPreKeyId = in.readInt();
      c.nextOneTimePreKeyId = in.readInt();
      int spkCount = count(in, MAX_SIGNED_PREKEYS);
      for (int i = 0; i < spkCount; i++) {
        SignedPreKey s =
            new SignedPreKey(
                in.readInt(),
                new KeyPairBytes(read(in, 32), read(in, 32)),
                read(in, 64),
                in.readLong());
        c.signedPreKeys.put(s.id(), s);
      }
      if (c.signedPreKeys.isEmpty()) {
        throw new IllegalArgumentException("key store has no signed prekey");
      }
      int opkCount = count(in, 100_000);
      for (int i = 0; i < opkCount; i++) {
        OneTimePreKey k =
            new OneTimePreKey(in.readInt(), new KeyPairBytes(read(in, 32), read(in, 32)));
        c.oneTimePreKeys.put(k.id(), k);
      }
      int sessionCount = count(in, 1_000_000);
      for (int i = 0; i < sessionCount; i++) {
        String peer = in.readUTF();
        int kept = format == FORMAT_ONE_SESSION ? 1 : count(in, MAX_SESSIONS_PER_PEER);
        List<RatchetSession> list = new ArrayList<>(kept);
        for (int j = 0; j < kept; j++) {
          int len = count(in, 1 << 24);
          list.add(RatchetSession.fromBytes(read(in, len)));
        }
        c.sessions.put(peer, list);
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes in key-store contents");
      }
      return c;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated key-store contents", e);
    }
  }

  private static int count(DataInputStream in, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new IllegalArgumentException("corrupt key-store contents: count " + n);
    }
    return n;
  }

  private static byte[] read(DataInputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
