package dev.parley.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One Double Ratchet session with one peer (Signal's specification): HKDF-SHA256 root chain,
 * HMAC-SHA256 sending/receiving chains, AES-256-GCM with the identities and the header as
 * associated data, and a bounded store of skipped message keys. Decryption works on a copy of the
 * state and commits only on success, so a forged or damaged message never disturbs the session.
 */
public final class RatchetSession {
  /** Most message keys kept for messages that have not arrived yet (per step and in total). */
  public static final int MAX_SKIP = 1000;

  private static final int FORMAT = 1;
  private static final int MAX_RETIRED = 8;
  private static final byte[] ROOT_INFO = "Parley ratchet root".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MESSAGE_INFO =
      "Parley message keys".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHAIN_MESSAGE = {0x01};
  private static final byte[] CHAIN_NEXT = {0x02};

  /** What the initiator repeats in every message until the peer answers (X3DH parameters). */
  public record PendingPreKey(byte[] ephemeralKey, int signedPreKeyId, Integer oneTimePreKeyId) {}

  /** One encrypted message: its header and the AES-GCM ciphertext with tag. */
  public record Message(MessageHeader header, byte[] ciphertext) {}

  private KeyPairBytes dhs;
  private byte[] dhr;
  private byte[] rk;
  private byte[] cks;
  private byte[] ckr;
  private int ns;
  private int nr;
  private int pn;
  private final LinkedHashMap<String, byte[]> skipped = new LinkedHashMap<>();
  private final Deque<String> retired = new ArrayDeque<>();
  private byte[] ad;
  private IdentityPublicKey remoteIdentity;
  private PendingPreKey pending;
  private byte[] baseKey;

  private RatchetSession() {}

  /** The initiator's session after X3DH, sending first to the responder's signed prekey. */
  public static RatchetSession initiator(
      X3dh.Agreement agreement,
      IdentityPublicKey remoteIdentity,
      byte[] remoteSignedPreKey,
      PendingPreKey pending) {
    RatchetSession s = new RatchetSession();
    s.ad = agreement.associatedData().clone();
    s.remoteIdentity = remoteIdentity;
    s.dhs = X25519.generate();
    s.dhr = remoteSignedPreKey.clone();
    byte[][] rc = kdfRoot(agreement.sharedSecret(), X25519.agree(s.dhs.privateKey(), s.dhr));
    s.rk = rc[0];
    s.cks = rc[1];
    s.pending = pending;
    return s;
  }

  /** The responder's session after X3DH; its first ratchet key is the signed prekey. */
  public static RatchetSession responder(
      X3dh.Agreement agreement,
      IdentityPublicKey remoteIdentity,
      KeyPairBytes signedPreKey,
      byte[] initiatorEphemeral) {
    RatchetSession s = new RatchetSession();
    s.ad = agreement.associatedData().clone();
    s.remoteIdentity = remoteIdentity;
    s.dhs = signedPreKey;
    s.rk = agreement.sharedSecret().clone();
    s.baseKey = initiatorEphemeral.clone();
    return s;
  }

  /** The peer's identity this session was agreed with. */
  public IdentityPublicKey remoteIdentity() {
    return remoteIdentity;
  }

  /** The X3DH parameters to repeat until the peer has answered; null once it has. */
  public PendingPreKey pendingPreKey() {
    return pending;
  }

  /** The initiator's ephemeral key that created this responder session, or null. */
  byte[] baseKey() {
    return baseKey == null ? null : baseKey.clone();
  }

  /** True when this side can send (the responder can only after its first received message). */
  public boolean canSend() {
    return cks != null;
  }

  /** Number of message keys kept for messages that have not arrived. */
  public int skippedKeyCount() {
    return skipped.size();
  }

  /** Forgets up to {@code n} of the oldest skipped message keys; returns how many it dropped. */
  int dropSkippedKeys(int n) {
    int dropped = 0;
    Iterator<Map.Entry<String, byte[]>> oldest = skipped.entrySet().iterator();
    while (dropped < n && oldest.hasNext()) {
      Bytes.wipe(oldest.next().getValue());
      oldest.remove();
      dropped++;
    }
    return dropped;
  }

  /** Encrypts one message and advances the sending chain. */
  public Message encrypt(byte[] plaintext) {
    if (cks == null) {
      throw new IllegalStateException("this session cannot send before it has received");
    }
    byte[][] chain = kdfChain(cks);
    cks = chain[1];
    MessageHeader header = new MessageHeader(dhs.publicKey(), pn, ns);
    ns++;
    byte[] ct = seal(chain[0], plaintext, Bytes.concat(ad, header.encode()));
    Bytes.wipe(chain[0]);
    return new Message(header, ct);
  }

  /** Decrypts one message; on any failure the session is unchanged. */
  public byte[] decrypt(Message message) throws DecryptionException {
    Attempt a = tryDecrypt(message);
    commit(a);
    return a.plaintext();
  }

  /** A decryption not yet applied to the session: {@link #commit} it, or drop it. */
  record Attempt(byte[] plaintext, RatchetSession after) {}

  /** Decrypts one message without changing this session. */
  Attempt tryDecrypt(Message message) throws DecryptionException {
    RatchetSession work = copy();
    byte[] plaintext = work.decryptInPlace(message);
    return new Attempt(plaintext, work);
  }

  /** Applies an attempt made on this session. */
  void commit(Attempt a) {
    adopt(a.after());
  }

  private byte[] decryptInPlace(Message m) throws DecryptionException {
    MessageHeader h = m.header();
    byte[] aad = Bytes.concat(ad, h.encode());
    String skippedId = skipId(h.ratchetKey(), h.messageNumber());
    byte[] mk = skipped.remove(skippedId);
    if (mk != null) {
      return open(mk, m.ciphertext(), aad);
    }
    String keyHex = HexFormat.of().formatHex(h.ratchetKey());
    if (dhr == null || !Arrays.equals(h.ratchetKey(), dhr)) {
      if (retired.contains(keyHex)) {
        throw new DecryptionException(
            DecryptionException.Reason.DUPLICATE, "message from an earlier chain already handled");
      }
      skipTo(h.previousChainLength());
      ratchetStep(h.ratchetKey());
    } else if (h.messageNumber() < nr) {
      throw new DecryptionException(
          DecryptionException.Reason.DUPLICATE, "message already decrypted (replay or duplicate)");
    }
    skipTo(h.messageNumber());
    byte[][] chain = kdfChain(ckr);
    ckr = chain[1];
    nr++;
    byte[] plaintext = open(chain[0], m.ciphertext(), aad);
    pending = null;
    return plaintext;
  }

  private void skipTo(int until) throws DecryptionException {
    if (ckr == null) {
      return;
    }
    if (until - nr > MAX_SKIP) {
      throw new DecryptionException(
          DecryptionException.Reason.TOO_MANY_SKIPPED,
          "message is " + (until - nr) + " ahead; at most " + MAX_SKIP + " may be skipped");
    }
    while (nr < until) {
      byte[][] chain = kdfChain(ckr);
      ckr = chain[1];
      skipped.put(skipId(dhr, nr), chain[0]);
      nr++;
    }
    Iterator<Map.Entry<String, byte[]>> oldest = skipped.entrySet().iterator();
    while (skipped.size() > MAX_SKIP) {
      Bytes.wipe(oldest.next().getValue());
      oldest.remove();
    }
  }

  private void ratchetStep(byte[] theirKey) {
    pn = ns;
    ns = 0;
    nr = 0;
    if (dhr != null) {
      retired.addLast(HexFormat.of().formatHex(dhr));
      while (retired.size() > MAX_RETIRED) {
        retired.removeFirst();
      }
    }
    dhr = theirKey.clone();
    byte[][] rc = kdfRoot(rk, X25519.agree(dhs.privateKey(), dhr));
    rk = rc[0];
    ckr = rc[1];
    dhs = X25519.generate();
    rc = kdfRoot(rk, X25519.agree(dhs.privateKey(), dhr));
    rk = rc[0];
    cks = rc[1];
  }

  private static String skipId(byte[] ratchetKey, int n) {
    return HexFormat.of().formatHex(ratchetKey) + ":" + n;
  }

  private static byte[][] kdfRoot(byte[] rootKey, byte[] dhOut) {
    byte[] out = Hkdf.derive(dhOut, rootKey, ROOT_INFO, 64);
    Bytes.wipe(dhOut);
    return new byte[][] {Arrays.copyOfRange(out, 0, 32), Arrays.copyOfRange(out, 32, 64)};
  }

  private static byte[][] kdfChain(byte[] chainKey) {
    try {
      Mac mac = Primitives.hmacSha256();
      mac.init(new SecretKeySpec(chainKey, "HmacSHA256"));
      byte[] mk = mac.doFinal(CHAIN_MESSAGE);
      byte[] next = mac.doFinal(CHAIN_NEXT);
      return new byte[][] {mk, next};
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** AES-256-GCM keyed by a message key: HKDF gives the 32-byte key and the 12-byte nonce. */
  private static Cipher messageCipher(int mode, byte[] messageKey, byte[] aad)
      throws GeneralSecurityException {
    byte[] keys = Hkdf.derive(messageKey, new byte[32], MESSAGE_INFO, 44);
    try {
      Cipher c =
          mode == Cipher.DECRYPT_MODE
              ? Primitives.aesGcmForDecryption()
              : Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(keys, 0, 32, "AES"), new GCMParameterSpec(128, keys, 32, 12));
      c.updateAAD(aad);
      return c;
    } finally {
      Bytes.wipe(keys);
    }
  }

  private static byte[] seal(byte[] messageKey, byte[] plaintext, byte[] aad) {
    try {
      return messageCipher(Cipher.ENCRYPT_MODE, messageKey, aad).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static byte[] open(byte[] messageKey, byte[] ciphertext, byte[] aad)
      throws DecryptionException {
    try {
      return messageCipher(Cipher.DECRYPT_MODE, messageKey, aad).doFinal(ciphertext);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new DecryptionException(
          DecryptionException.Reason.INVALID, "message failed authentication", e);
    } catch (GeneralSecurityException e) {
      throw new DecryptionException(DecryptionException.Reason.INVALID, "message is malformed", e);
    } finally {
      Bytes.wipe(messageKey);
    }
  }

  /**
   * A deep copy to decrypt on (field by field: serialising and parsing it per message showed in the
   * profile). Every key is cloned, since a decryption wipes the message keys it uses or evicts, and
   * a failed one must leave this session's keys intact.
   */
  private RatchetSession copy() {
    RatchetSession s = new RatchetSession();
    s.dhs = new KeyPairBytes(dhs.publicKey().clone(), dhs.privateKey().clone());
    s.dhr = clone(dhr);
    s.rk = rk.clone();
    s.cks = clone(cks);
    s.ckr = clone(ckr);
    s.ns = ns;
    s.nr = nr;
    s.pn = pn;
    for (Map.Entry<String, byte[]> e : skipped.entrySet()) {
      s.skipped.put(e.getKey(), e.getValue().clone());
    }
    s.retired.addAll(retired);
    s.ad = ad.clone();
    s.remoteIdentity = remoteIdentity;
    s.pending = pending;
    s.baseKey = clone(baseKey);
    return s;
  }

  private static byte[] clone(byte[] b) {
    return b == null ? null : b.clone();
  }

  private void adopt(RatchetSession o) {
    dhs = o.dhs;
    dhr = o.dhr;
    rk = o.rk;
    cks = o.cks;
    ckr = o.ckr;
    ns = o.ns;
    nr = o.nr;
    pn = o.pn;
    skipped.clear();
    skipped.putAll(o.skipped);
    retired.clear();
    retired.addAll(o.retired);
    ad = o.ad;
    remoteIdentity = o.remoteIdentity;
    pending = o.pending;
    baseKey = o.baseKey;
  }

  /** The complete state, for the encrypted key store. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + skipped.size() * 80);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.write(dhs.publicKey());
      out.write(dhs.privateKey());
      writeOptional(out, dhr);
      out.write(rk);
      writeOptional(out, cks);
      writeOptional(out, ckr);
      out.writeInt(ns);
      out.writeInt(nr);
      out.writeInt(pn);
      out.writeInt(skipped.size());
      for (Map.Entry<String, byte[]> e : skipped.entrySet()) {
        out.writeUTF(e.getKey());
        out.write(e.getValue());
      }
      out.writeInt(retired.size());
      for (String r : retired) {
        out.writeUTF(r);
      }
      out.writeInt(ad.length);
      out.write(ad);
      out.write(remoteIdentity.encoded());
      out.writeBoolean(pending != null);
      if (pending != null) {
        out.write(pending.ephemeralKey());
        out.writeInt(pending.signedPreKeyId());
        out.writeBoolean(pending.oneTimePreKeyId() != null);
        if (pending.oneTimePreKeyId() != null) {
          out.writeInt(pending.oneTimePreKeyId());
        }
      }
      writeOptional(out, baseKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Restores a session saved by {@link #toBytes()}. */
  public static RatchetSession fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readInt() != FORMAT) {
        throw new IllegalArgumentException("unknown session format");
      }
      RatchetSession s = new RatchetSession();
      s.dhs = new KeyPairBytes(read(in, 32), read(in, 32));
      s.dhr = readOptional(in);
      s.rk = read(in, 32);
      s.cks = readOptional(in);
      s.ckr = readOptional(in);
      s.ns = in.readInt();
      s.nr = in.readInt();
      s.pn = in.readInt();
      int skippedCount = in.readInt();
      if (skippedCount < 0 || skippedCount > MAX_SKIP) {
        throw new IllegalArgumentException("corrupt session: skipped count");
      }
      for (int i = 0; i < skippedCount; i++) {
        s.skipped.put(in.readUTF(), read(in, 32));
      }
      int retiredCount = in.readInt();
      if (retiredCount < 0 || retiredCount > MAX_RETIRED) {
        throw new IllegalArgumentException("corrupt session: retired count");
      }
      for (int i = 0; i < retiredCount; i++) {
        s.retired.addLast(in.readUTF());
      }
      int adLen = in.readInt();
      if (adLen != 128) {
        throw new IllegalArgumentException("corrupt session: associated data");
      }
      s.ad = read(in, adLen);
      s.remoteIdentity = IdentityPublicKey.decode(read(in, 64));
      if (in.readBoolean()) {
        byte[] eph = read(in, 32);
        int spkId = in.readInt();
        Integer opkId = in.readBoolean() ? in.readInt() : null;
        s.pending = new PendingPreKey(eph, spkId, opkId);
      }
      s.baseKey = readOptional(in);
      if (in.read() != -1) {
        throw new IllegalArgumentException("corrupt session: trailing bytes");
      }
      return s;
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt session: truncated", e);
    }
  }

  private static void writeOptional(DataOutputStream out, byte[] key32) throws IOException {
    out.writeBoolean(key32 != null);
    if (key32 != null) {
      out.write(key32);
    }
  }

  private static byte[] readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? read(in, 32) : null;
  }

  private static byte[] read(DataInputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
