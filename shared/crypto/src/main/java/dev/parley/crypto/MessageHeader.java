package dev.parley.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A Double Ratchet header: the sender's ratchet public key, previous chain length, message number.
 */
public record MessageHeader(byte[] ratchetKey, int previousChainLength, int messageNumber) {
  /** Encoded size in bytes. */
  public static final int SIZE = 40;

  /** Checks the key size and counters. */
  public MessageHeader {
    ratchetKey = Bytes.requireLength(ratchetKey, 32, "ratchet key").clone();
    if (previousChainLength < 0 || messageNumber < 0) {
      throw new IllegalArgumentException("negative counter");
    }
  }

  @Override
  public byte[] ratchetKey() {
    return ratchetKey.clone();
  }

  /** The 40-byte form, authenticated as associated data. */
  public byte[] encode() {
    return ByteBuffer.allocate(SIZE)
        .put(ratchetKey)
        .putInt(previousChainLength)
        .putInt(messageNumber)
        .array();
  }

  /** Parses the 40-byte form. */
  public static MessageHeader decode(ByteBuffer in) {
    byte[] key = new byte[32];
    in.get(key);
    return new MessageHeader(key, in.getInt(), in.getInt());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageHeader h
        && Arrays.equals(ratchetKey, h.ratchetKey)
        && previousChainLength == h.previousChainLength
        && messageNumber == h.messageNumber;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ratchetKey) * 31 + messageNumber;
  }
}
