package dev.parley.crypto;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The bytes the server relays. Version 1:
 *
 * <pre>
 * u8 version (1) | u8 type (1 = prekey message, 2 = message) | body
 * prekey body:  identity(64) | ephemeral(32) | i32 signedPreKeyId | u8 hasOneTime [| i32 oneTimeId] | message body
 * message body: header(40: ratchetKey 32 | i32 previousChainLength | i32 messageNumber) | AES-GCM ciphertext+tag
 * </pre>
 */
public record Envelope(
    IdentityPublicKey senderIdentity,
    RatchetSession.PendingPreKey preKey,
    RatchetSession.Message message) {
  /** The only format version this build writes and reads. */
  public static final int VERSION = 1;

  private static final int TYPE_PREKEY = 1;
  private static final int TYPE_MESSAGE = 2;
  private static final int TAG = 16;

  /** True when this envelope carries the X3DH parameters that start a session. */
  public boolean isPreKeyMessage() {
    return preKey != null;
  }

  /** Serialises the envelope. */
  public byte[] encode() {
    byte[] header = message.header().encode();
    byte[] ct = message.ciphertext();
    int size = 2 + header.length + ct.length;
    if (preKey != null) {
      size += 64 + 32 + 4 + 1 + (preKey.oneTimePreKeyId() != null ? 4 : 0);
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put((byte) VERSION);
    out.put((byte) (preKey != null ? TYPE_PREKEY : TYPE_MESSAGE));
    if (preKey != null) {
      out.put(senderIdentity.encoded());
      out.put(preKey.ephemeralKey());
      out.putInt(preKey.signedPreKeyId());
      out.put((byte) (preKey.oneTimePreKeyId() != null ? 1 : 0));
      if (preKey.oneTimePreKeyId() != null) {
        out.putInt(preKey.oneTimePreKeyId());
      }
    }
    out.put(header).put(ct);
    return out.array();
  }

  /** Parses an envelope; any malformation is a {@link DecryptionException}. */
  public static Envelope decode(byte[] bytes) throws DecryptionException {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int version = in.get() & 0xFF;
      if (version != VERSION) {
        throw new DecryptionException(
            DecryptionException.Reason.UNSUPPORTED_VERSION,
            "envelope version " + version + " is not supported");
      }
      int type = in.get() & 0xFF;
      IdentityPublicKey identity = null;
      RatchetSession.PendingPreKey preKey = null;
      if (type == TYPE_PREKEY) {
        byte[] id = new byte[64];
        in.get(id);
        identity = IdentityPublicKey.decode(id);
        byte[] eph = new byte[32];
        in.get(eph);
        int spkId = in.getInt();
        int flag = in.get();
        if (flag != 0 && flag != 1) {
          throw new IllegalArgumentException("bad one-time prekey flag");
        }
        Integer opkId = flag == 1 ? in.getInt() : null;
        preKey = new RatchetSession.PendingPreKey(eph, spkId, opkId);
      } else if (type != TYPE_MESSAGE) {
        throw new IllegalArgumentException("unknown envelope type " + type);
      }
      MessageHeader header = MessageHeader.decode(in);
      if (in.remaining() < TAG) {
        throw new IllegalArgumentException("ciphertext too short");
      }
      byte[] ct = new byte[in.remaining()];
      in.get(ct);
      return new Envelope(identity, preKey, new RatchetSession.Message(header, ct));
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new DecryptionException(
          DecryptionException.Reason.INVALID, "envelope is malformed or truncated", e);
    }
  }
}
