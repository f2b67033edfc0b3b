package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The strict UTF-8 decoder agrees with the JDK's strict decoder on every input tried. */
class StrictUtf8Test {
  /** The JDK's answer: the text, or null when it reports the bytes malformed. */
  private static String jdk(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String ours(byte[] b) {
    ByteBuf buf = Unpooled.directBuffer(b.length + 4);
    try {
      buf.writeBytes(new byte[] {'x', 'y'}); // not at the buffer's start
      buf.writeBytes(b);
      buf.readerIndex(2);
      return StrictUtf8.decode(buf);
    } finally {
      buf.release();
    }
  }

  @Test
  void everySequenceOfUpToTwoBytesAndTheEdgesOfLongerOnes() {
    for (int a = 0; a < 256; a++) {
      same(new byte[] {(byte) a});
      for (int b = 0; b < 256; b++) {
        same(new byte[] {(byte) a, (byte) b});
      }
    }
    int[] leads = {0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xFF};
    for (int lead : leads) {
      for (int b = 0x70; b < 0xD0; b++) {
        for (int c = 0x70; c < 0xD0; c += 7) {
          same(new byte[] {(byte) lead, (byte) b, (byte) c});
          same(new byte[] {(byte) lead, (byte) b, (byte) c, (byte) 0x80});
          same(new byte[] {(byte) lead, (byte) b, (byte) 0x80, (byte) c});
        }
      }
    }
  }

  @Test
  void randomTextAndNoise() {
    Random r = new Random(3629);
    String sample = "a é 😀 中 \u0000 \uffff \ud7ff \ue000 𐀀 \udbff\udfff";
    for (int i = 0; i < 200_000; i++) {
      byte[] b;
      if (i % 2 == 0) {
        b = new byte[r.nextInt(12)];
        r.nextBytes(b);
      } else {
        StringBuilder s = new StringBuilder();
        for (int k = r.nextInt(8); k > 0; k--) {
          s.appendCodePoint(sample.codePointAt(sample.offsetByCodePoints(0, r.nextInt(15))));
        }
        b = s.toString().getBytes(StandardCharsets.UTF_8);
        if (b.length > 0 && r.nextBoolean()) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); // one flipped bit
        }
      }
      same(b);
    }
  }

  @Test
  void aFrameLargerThanTheKeptBufferDecodes() {
    byte[] big = "é".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    assertThat(ours(big)).isEqualTo("é".repeat(100_000));
  }

  private static void same(byte[] b) {
    assertThat(ours(b)).as("%s", java.util.HexFormat.of().formatHex(b)).isEqualTo(jdk(b));
  }
}
