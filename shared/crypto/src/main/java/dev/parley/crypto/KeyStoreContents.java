package dev.parley.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything secret a device keeps for one account: identity, prekeys, sessions per peer and the
 * key that seals the local message history. Not thread-safe; the client core owns one instance.
 */
public final class KeyStoreContents {
  /** One-time prekeys created per batch, and how many the server should hold after a refill. */
  public static final int PREKEY_BATCH = 100;

  /**
   * Most one-time prekeys kept on this device: the server's pool plus keys it handed out whose
   * first message has not arrived yet. Beyond it the oldest (handed out first) are dropped, so no
   * amount of bundle fetching by others can grow the store.
   */
  public static final int MAX_ONE_TIME_PREKEYS = 500;

  /** Peers kept with sessions; past it the least recently used peer's sessions are dropped. */
  public static final int MAX_PEERS_WITH_SESSIONS = 2_000;

  /**
   * Peers whose identity is on record. Past it a new peer takes the place of the least recently
   * used stranger: one this user never wrote to, verified or had held. Such a key was never relied
   * on, so trusting a later one on first use loses nothing; the others are never evicted (that
   * would let a changed key pass without a notice), and when only they are left a new peer is
   * refused.
   */
  public static final int MAX_TRUSTED_PEERS = 10_000;

  /** Skipped message keys kept across all sessions; the least recently used lose theirs first. */
  public static final int MAX_SKIPPED_KEYS_TOTAL = 10_000;

  /**
   * Base keys of accepted X3DH messages remembered per signed prekey, so a replayed prekey message
   * can never create a session again while that signed prekey is kept. At the limit further first
   * messages to that signed prekey are refused; the client rotates well before (see {@link
   * #needsSignedPreKeyRotation()}).
   */
  public static final int MAX_BASE_KEYS_PER_SIGNED_PREKEY = 2_000;

  private static final int ROTATE_AT_BASE_KEYS = MAX_BASE_KEYS_PER_SIGNED_PREKEY / 2;

  /** How long a replaced signed prekey still answers first messages sent to it. */
  public static final long SIGNED_PREKEY_GRACE_MILLIS = 14L * 24 * 3600 * 1000;

  // Format 4 marks the peers relied on; format 3 added peer trust, seen base keys and flags
  // (without that mark: its peers are all taken as relied on); format 2 kept several sessions per
  // peer, format 1 one. All are read.
  private static final int FORMAT = 4;
  private static final int FORMAT_TRUST = 3;
  private static final int FORMAT_SESSIONS = 2;
  private static final int FORMAT_ONE_SESSION = 1;
  private static final int FLAG_AUTH_KEY = 1;
  private static final int FLAG_TRUST_IMPORTED = 2;
  private static final int TRUST_VERIFIED = 1;
  private static final int TRUST_HELD = 2;
  private static final int TRUST_ENGAGED = 4;
  private static final int PEER_HAS_TRUST = 8;
  // Formats of the records stored by parts (changes(), fromParts()).
  private static final int CORE_FORMAT = 1;
  private static final int PEER_FORMAT = 1;

  /**
   * Sessions kept per peer, newest first. When both sides start a key exchange at once, each ends
   * up answering the other's session while messages of its own are still in flight; keeping the
   * previous sessions lets every such message be read (as Signal's session records do).
   */
  public static final int MAX_SESSIONS_PER_PEER = 5;

  private static final int MAX_SIGNED_PREKEYS = 4;

  private final IdentityKeyPair identity;
  private final byte[] localDataKey;
  private final TreeMap<Integer, SignedPreKey> signedPreKeys = new TreeMap<>();
  private final TreeMap<Integer, OneTimePreKey> oneTimePreKeys = new TreeMap<>();
  // Access order: the first entry is the peer used least recently.
  private final Map<String, List<RatchetSession>> sessions = new LinkedHashMap<>(16, 0.75f, true);
  // Access order: the first entry is the peer used least recently.
  private final Map<String, PeerTrust> trust = new LinkedHashMap<>(16, 0.75f, true);
  // Peers this device has encrypted to: their identity is relied on, never evicted.
  private final Set<String> engaged = new HashSet<>();
  private int maxTrustedPeers = MAX_TRUSTED_PEERS;
  private final Map<Integer, Set<ByteBuffer>> seenBaseKeys = new HashMap<>();
  private int nextSignedPreKeyId;
  private int nextOneTimePreKeyId;
  private int flags;
  // What changed since the last save, so a save writes those rows only (see changes()).
  private boolean coreChanged = true;
  private final Set<String> changedPeers = new LinkedHashSet<>();

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
    // Created by this build: the account authenticates with a derived key, never the password.
    c.flags = FLAG_AUTH_KEY | FLAG_TRUST_IMPORTED;
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
    coreChanged = true;
    SignedPreKey spk = SignedPreKey.generate(identity, nextSignedPreKeyId++, nowMillis);
    signedPreKeys.put(spk.id(), spk);
    signedPreKeys
        .headMap(spk.id())
        .values()
        .removeIf(old -> nowMillis - old.createdAtMillis() > SIGNED_PREKEY_GRACE_MILLIS);
    while (signedPreKeys.size() > MAX_SIGNED_PREKEYS) {
      signedPreKeys.pollFirstEntry();
    }
    seenBaseKeys.keySet().retainAll(signedPreKeys.keySet());
    return spk;
  }

  /**
   * True when so many sessions were started on the current signed prekey that it should be replaced
   * (and published) before its replay record fills up.
   */
  public boolean needsSignedPreKeyRotation() {
    return baseKeyCount(currentSignedPreKey().id()) >= ROTATE_AT_BASE_KEYS;
  }

  /** Creates {@code count} one-time prekeys with increasing ids and returns them. */
  public List<OneTimePreKey> generateOneTimePreKeys(int count) {
    if (count < 0 || count > MAX_ONE_TIME_PREKEYS) {
      throw new IllegalArgumentException("0.." + MAX_ONE_TIME_PREKEYS + " prekeys at once");
    }
    coreChanged = true;
    List<OneTimePreKey> made = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      OneTimePreKey k = new OneTimePreKey(nextOneTimePreKeyId++, X25519.generate());
      oneTimePreKeys.put(k.id(), k);
      made.add(k);
    }
    dropOldestOneTimePreKeys();
    return made;
  }

  /**
   * The one-time prekeys to publish so the server holds {@link #PREKEY_BATCH} again, given it holds
   * {@code onServer}; none when it holds enough.
   */
  public List<OneTimePreKey> topUpOneTimePreKeys(int onServer) {
    int missing = PREKEY_BATCH - Math.max(0, onServer);
    return missing <= 0 ? List.of() : generateOneTimePreKeys(missing);
  }

  private void dropOldestOneTimePreKeys() {
    // The server hands out the lowest ids first, so the lowest are the oldest handed out.
    while (oneTimePreKeys.size() > MAX_ONE_TIME_PREKEYS) {
      oneTimePreKeys.pollFirstEntry();
    }
  }

  /** A one-time prekey by id, if not yet used. */
  public Optional<OneTimePreKey> oneTimePreKey(int id) {
    return Optional.ofNullable(oneTimePreKeys.get(id));
  }

  void removeOneTimePreKey(int id) {
    coreChanged = true;
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
    changedPeers.add(peer);
    List<RatchetSession> all = sessions.computeIfAbsent(peer, k -> new ArrayList<>());
    all.remove(session);
    all.add(0, session);
    while (all.size() > MAX_SESSIONS_PER_PEER) {
      all.remove(all.size() - 1);
    }
    enforceBounds(peer);
  }

  /** Keeps the store within its bounds after {@code active} was used. */
  private void enforceBounds(String active) {
    var lru = sessions.keySet().iterator();
    while (sessions.size() > MAX_PEERS_WITH_SESSIONS && lru.hasNext()) {
      String peer = lru.next();
      if (!peer.equals(active)) {
        lru.remove();
        changedPeers.add(peer);
      }
    }
    int total = 0;
    for (List<RatchetSession> list : sessions.values()) {
      for (RatchetSession s : list) {
        total += s.skippedKeyCount();
      }
    }
    // Least recently used peers, and their oldest sessions, lose their skipped keys first.
    for (Map.Entry<String, List<RatchetSession>> e : sessions.entrySet()) {
      List<RatchetSession> list = e.getValue();
      for (int i = list.size() - 1; i >= 0 && total > MAX_SKIPPED_KEYS_TOTAL; i--) {
        int dropped = list.get(i).dropSkippedKeys(total - MAX_SKIPPED_KEYS_TOTAL);
        if (dropped > 0) {
          changedPeers.add(e.getKey());
        }
        total -= dropped;
      }
      if (total <= MAX_SKIPPED_KEYS_TOTAL) {
        break;
      }
    }
  }

  /** Skipped message keys kept across every session. */
  int skippedKeyCount() {
    int total = 0;
    for (List<RatchetSession> list : sessions.values()) {
      for (RatchetSession s : list) {
        total += s.skippedKeyCount();
      }
    }
    return total;
  }

  /** Number of peers with at least one session. */
  int peersWithSessions() {
    return sessions.size();
  }

  // ---- trust ---------------------------------------------------------------------------------

  /** What is on record for {@code peer}'s identity, if anything. */
  public Optional<PeerTrust> trust(String peer) {
    return Optional.ofNullable(trust.get(peer));
  }

  /** Every peer with an identity on record. */
  public Map<String, PeerTrust> trustedPeers() {
    return Collections.unmodifiableMap(new TreeMap<>(trust));
  }

  /**
   * Records {@code t} for {@code peer}; at the bound a new peer takes the place of the least
   * recently used stranger, and is refused when there is none.
   */
  void putTrust(String peer, PeerTrust t) {
    if (!trust.containsKey(peer) && trust.size() >= maxTrustedPeers) {
      String stranger =
          evictableStranger().orElseThrow(() -> new IllegalStateException("too many peers"));
      trust.remove(stranger);
      sessions.remove(stranger);
      changedPeers.add(stranger);
    }
    changedPeers.add(peer);
    trust.put(peer, t);
    if (t.verified() || t.held()) {
      markEngaged(peer); // once verified or held, always relied on
    }
  }

  /** True when a new peer could still be put on record. */
  boolean hasRoomForPeer(String peer) {
    return trust.containsKey(peer)
        || trust.size() < maxTrustedPeers
        || evictableStranger().isPresent();
  }

  private Optional<String> evictableStranger() {
    for (Map.Entry<String, PeerTrust> e : trust.entrySet()) {
      PeerTrust t = e.getValue();
      if (!engaged.contains(e.getKey())) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /**
   * The user relies on {@code peer}'s identity from now on (wrote to them, verified or had them
   * held, has them as a contact, or read their messages): it is never evicted. At most {@link
   * #MAX_TRUSTED_PEERS} names are remembered.
   */
  void markEngaged(String peer) {
    // Called whenever a session with the peer advanced, too: its row is written at the next save.
    changedPeers.add(peer);
    if (engaged.size() < MAX_TRUSTED_PEERS || engaged.contains(peer)) {
      engaged.add(peer);
    }
  }

  /** A smaller bound on peers on record, so tests need not create ten thousand. */
  void limitTrustedPeersForTest(int max) {
    maxTrustedPeers = max;
  }

  // ---- replay record of X3DH base keys --------------------------------------------------------

  /** True when an X3DH message with this base key was accepted under this signed prekey. */
  boolean seenBaseKey(int signedPreKeyId, byte[] baseKey) {
    Set<ByteBuffer> seen = seenBaseKeys.get(signedPreKeyId);
    return seen != null && seen.contains(ByteBuffer.wrap(baseKey));
  }

  /** Base keys remembered for a signed prekey. */
  int baseKeyCount(int signedPreKeyId) {
    Set<ByteBuffer> seen = seenBaseKeys.get(signedPreKeyId);
    return seen == null ? 0 : seen.size();
  }

  /** Remembers an accepted X3DH base key for as long as its signed prekey is kept. */
  void recordBaseKey(int signedPreKeyId, byte[] baseKey) {
    coreChanged = true;
    seenBaseKeys
        .computeIfAbsent(signedPreKeyId, k -> new LinkedHashSet<>())
        .add(ByteBuffer.wrap(baseKey.clone()));
  }

  // ---- flags ---------------------------------------------------------------------------------

  /**
   * True when the account on the server authenticates with the derived key, so this device never
   * sends the password; false for a store written by a client that sent it (before the upgrade).
   */
  public boolean usesAuthKey() {
    return (flags & FLAG_AUTH_KEY) != 0;
  }

  /** Records that the server now holds the derived key only. */
  public void markUsesAuthKey() {
    coreChanged |= (flags & FLAG_AUTH_KEY) == 0;
    flags |= FLAG_AUTH_KEY;
  }

  /** True once identities and verified marks of an older history database were taken over. */
  public boolean trustImported() {
    return (flags & FLAG_TRUST_IMPORTED) != 0;
  }

  /** Takes over a peer's identity and verified mark from an older history (once per store). */
  public void importTrust(String peer, IdentityPublicKey identity, boolean verified) {
    if (!trust.containsKey(peer) && hasRoomForPeer(peer)) {
      putTrust(peer, new PeerTrust(identity, verified, false));
      engaged.add(peer); // a contact of the older version: relied on
    }
  }

  /** Marks the import from an older history as done. */
  public void markTrustImported() {
    coreChanged |= (flags & FLAG_TRUST_IMPORTED) == 0;
    flags |= FLAG_TRUST_IMPORTED;
  }

  /** Forgets the session with {@code peer} (the next message starts a new key exchange). */
  public void removeSession(String peer) {
    changedPeers.add(peer);
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
      writeKeys(out);
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
      out.writeInt(trust.size());
      // In use order, so the least recently used stranger is still known after a restart.
      for (Map.Entry<String, PeerTrust> e : trust.entrySet()) {
        out.writeUTF(e.getKey());
        out.write(e.getValue().identity().encoded());
        out.writeByte(
            (e.getValue().verified() ? TRUST_VERIFIED : 0)
                | (e.getValue().held() ? TRUST_HELD : 0)
                | (engaged.contains(e.getKey()) ? TRUST_ENGAGED : 0));
      }
      writeReplayRecordAndFlags(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void writeKeys(DataOutputStream out) throws IOException {
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
  }

  private void writeReplayRecordAndFlags(DataOutputStream out) throws IOException {
    out.writeInt(seenBaseKeys.size());
    for (Map.Entry<Integer, Set<ByteBuffer>> e : seenBaseKeys.entrySet()) {
      out.writeInt(e.getKey());
      out.writeInt(e.getValue().size());
      for (ByteBuffer k : e.getValue()) {
        out.write(k.array());
      }
    }
    out.writeInt(flags);
  }

  /** Restores contents saved by {@link #toBytes()}; throws IllegalArgumentException if corrupt. */
  public static KeyStoreContents fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readInt();
      if (format != FORMAT
          && format != FORMAT_TRUST
          && format != FORMAT_SESSIONS
          && format != FORMAT_ONE_SESSION) {
        throw new IllegalArgumentException("unknown key-store contents format");
      }
      KeyStoreContents c = readKeys(in);
      int sessionCount = count(in, Integer.MAX_VALUE, 2 + 4);
      for (int i = 0; i < sessionCount; i++) {
        String peer = in.readUTF();
        int kept = format == FORMAT_ONE_SESSION ? 1 : count(in, MAX_SESSIONS_PER_PEER, 4);
        List<RatchetSession> list = new ArrayList<>(kept);
        for (int j = 0; j < kept; j++) {
          int len = count(in, Integer.MAX_VALUE, 1);
          list.add(RatchetSession.fromBytes(read(in, len)));
        }
        c.sessions.put(peer, list);
      }
      if (format >= FORMAT_TRUST) {
        int trustCount = count(in, Integer.MAX_VALUE, 2 + 64 + 1);
        for (int i = 0; i < trustCount; i++) {
          String peer = in.readUTF();
          IdentityPublicKey key = IdentityPublicKey.decode(read(in, 64));
          int bits = in.readUnsignedByte();
          c.trust.put(
              peer, new PeerTrust(key, (bits & TRUST_VERIFIED) != 0, (bits & TRUST_HELD) != 0));
          if ((bits & TRUST_ENGAGED) != 0 || format == FORMAT_TRUST) {
            c.engaged.add(peer);
          }
        }
        c.readReplayRecordAndFlags(in);
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes in key-store contents");
      }
      return c;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated key-store contents", e);
    }
  }

  // ---- saving by parts: one record for the core, one per peer --------------------------------

  /**
   * What changed since {@link #markSaved()}: the core record (identity, prekeys, replay record,
   * flags) or null when it did not change, and the record of each changed peer (null when nothing
   * is kept for that peer any more). A ratchet step changes one peer record only.
   */
  public Changes changes() {
    Map<String, byte[]> peers = new LinkedHashMap<>();
    for (String peer : changedPeers) {
      peers.put(peer, peerRecord(peer));
    }
    return new Changes(coreChanged ? coreRecord() : null, peers);
  }

  /** The changed records of {@link #changes()} are stored now. */
  public void markSaved() {
    coreChanged = false;
    changedPeers.clear();
  }

  /** Everything counts as changed (before storing these contents somewhere new). */
  public void markAllChanged() {
    coreChanged = true;
    changedPeers.addAll(trust.keySet());
    changedPeers.addAll(sessions.keySet());
    changedPeers.addAll(engaged);
  }

  /** Records to store; see {@link #changes()}. */
  public record Changes(byte[] core, Map<String, byte[]> peers) {
    /** True when nothing needs storing. */
    public boolean isEmpty() {
      return core == null && peers.isEmpty();
    }
  }

  private byte[] coreRecord() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(CORE_FORMAT);
      writeKeys(out);
      writeReplayRecordAndFlags(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private byte[] peerRecord(String peer) {
    PeerTrust t = trust.get(peer);
    List<RatchetSession> kept = sessions.getOrDefault(peer, List.of());
    boolean relied = engaged.contains(peer);
    if (t == null && kept.isEmpty() && !relied) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(PEER_FORMAT);
      out.writeUTF(peer);
      int bits = relied ? TRUST_ENGAGED : 0;
      if (t != null) {
        bits |= PEER_HAS_TRUST | (t.verified() ? TRUST_VERIFIED : 0) | (t.held() ? TRUST_HELD : 0);
      }
      out.writeByte(bits);
      if (t != null) {
        out.write(t.identity().encoded());
      }
      out.writeInt(kept.size());
      for (RatchetSession session : kept) {
        byte[] state = session.toBytes();
        out.writeInt(state.length);
        out.write(state);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Restores contents stored by parts: the core record and the peer records, least recently used
   * first. Throws IllegalArgumentException if a record is corrupt.
   */
  public static KeyStoreContents fromParts(byte[] core, List<byte[]> peerRecords) {
    KeyStoreContents c;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(core))) {
      if (in.readInt() != CORE_FORMAT) {
        throw new IllegalArgumentException("unknown key-store core format");
      }
      c = readKeys(in);
      c.readReplayRecordAndFlags(in);
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes in the key-store core");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated key-store core", e);
    }
    for (byte[] record : peerRecords) {
      c.readPeerRecord(record);
    }
    c.markSaved();
    return c;
  }

  private void readPeerRecord(byte[] record) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
      if (in.readInt() != PEER_FORMAT) {
        throw new IllegalArgumentException("unknown peer record format");
      }
      String peer = in.readUTF();
      int bits = in.readUnsignedByte();
      if ((bits & PEER_HAS_TRUST) != 0) {
        IdentityPublicKey key = IdentityPublicKey.decode(read(in, 64));
        trust.put(peer, new PeerTrust(key, (bits & TRUST_VERIFIED) != 0, (bits & TRUST_HELD) != 0));
      }
      if ((bits & TRUST_ENGAGED) != 0) {
        engaged.add(peer);
      }
      int kept = count(in, MAX_SESSIONS_PER_PEER, 4);
      List<RatchetSession> list = new ArrayList<>(kept);
      for (int j = 0; j < kept; j++) {
        int len = count(in, Integer.MAX_VALUE, 1);
        list.add(RatchetSession.fromBytes(read(in, len)));
      }
      if (!list.isEmpty()) {
        sessions.put(peer, list);
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes in a peer record");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated peer record", e);
    }
  }

  private static KeyStoreContents readKeys(DataInputStream in) throws IOException {
    IdentityKeyPair id =
        new IdentityKeyPair(
            new KeyPairBytes(read(in, 32), read(in, 32)),
            new KeyPairBytes(read(in, 32), read(in, 32)));
    KeyStoreContents c = new KeyStoreContents(id, read(in, 32));
    c.nextSignedPreKeyId = in.readInt();
    c.nextOneTimePreKeyId = in.readInt();
    int spkCount = count(in, MAX_SIGNED_PREKEYS, 4 + 64 + 64 + 8);
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
    // Counts are bounded by the bytes that follow, not by today's caps: a store written with
    // more (by an older build) stays readable and is trimmed below.
    int opkCount = count(in, Integer.MAX_VALUE, 4 + 64);
    for (int i = 0; i < opkCount; i++) {
      OneTimePreKey k =
          new OneTimePreKey(in.readInt(), new KeyPairBytes(read(in, 32), read(in, 32)));
      c.oneTimePreKeys.put(k.id(), k);
    }
    c.dropOldestOneTimePreKeys();
    return c;
  }

  private void readReplayRecordAndFlags(DataInputStream in) throws IOException {
    int seenCount = count(in, MAX_SIGNED_PREKEYS, 8);
    for (int i = 0; i < seenCount; i++) {
      int spkId = in.readInt();
      int n = count(in, MAX_BASE_KEYS_PER_SIGNED_PREKEY, 32);
      Set<ByteBuffer> keys = new LinkedHashSet<>();
      for (int j = 0; j < n; j++) {
        keys.add(ByteBuffer.wrap(read(in, 32)));
      }
      seenBaseKeys.put(spkId, keys);
    }
    flags = in.readInt();
  }

  /** A count of at most {@code max} entries, each at least {@code minEntryBytes} long. */
  private static int count(DataInputStream in, int max, int minEntryBytes) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max || (long) n * minEntryBytes > in.available()) {
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
